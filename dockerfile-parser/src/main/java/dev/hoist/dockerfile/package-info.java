/**
 * Dockerfile parsing for hoist: {@link dev.hoist.dockerfile.DockerfileParser} turns text into an immutable {@link dev.hoist.dockerfile.Dockerfile}
 * (directives, global ARGs, stages of typed instructions with exact positions). Errors are
 * {@link dev.hoist.dockerfile.DockerfileException}s reading {@code File:line:col: message}. Depends on the JDK only.
 */
package dev.hoist.dockerfile;
