/**
 * Stages, the stage dependency graph and ARG scoping with build args and platform ARGs.
 */
package dev.hoist.dockerfile.stage;
