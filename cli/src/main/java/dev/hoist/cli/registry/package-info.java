/**
 * Registry verbs of the CLI: {@code manifest}, {@code config}, {@code digest}, {@code tags},
 * {@code catalog}, {@code tag}, {@code delete}, {@code cp}, {@code index create|append},
 * {@code login}, {@code logout}.
 */
package dev.hoist.cli.registry;
