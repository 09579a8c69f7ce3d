/**
 * Shell-word processing with BuildKit's semantics: quotes, escapes and {@code $VAR} / {@code ${VAR...}} forms.
 */
package dev.hoist.dockerfile.expand;
