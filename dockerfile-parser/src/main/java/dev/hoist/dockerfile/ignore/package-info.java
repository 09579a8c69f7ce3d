/**
 * {@code .dockerignore} reading and matching with moby/patternmatcher's semantics.
 */
package dev.hoist.dockerfile.ignore;
