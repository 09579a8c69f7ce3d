/** The {@code hoist build} command. */
package dev.hoist.cli.build;
