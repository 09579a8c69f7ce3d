/**
 * The line parser, rule for rule BuildKit's: directives, comments, continuations, heredocs, JSON and shell forms,
 * producing untyped {@link dev.hoist.dockerfile.parse.Node}s and a BuildKit-compatible dump.
 */
package dev.hoist.dockerfile.parse;
