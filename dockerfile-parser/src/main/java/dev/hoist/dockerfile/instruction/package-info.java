/**
 * The typed instruction model (a sealed hierarchy of records), flag checking, {@code --mount} parsing and the
 * build-time expansion of variables.
 */
package dev.hoist.dockerfile.instruction;
