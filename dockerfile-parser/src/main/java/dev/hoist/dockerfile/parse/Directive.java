package dev.hoist.dockerfile.parse;

/**
 * A parser directive from the top of a Dockerfile, such as {@code # syntax=docker/dockerfile:1}.
 *
 * @param name lower-case name: {@code syntax}, {@code escape} or {@code check}
 * @param value the value, trimmed
 * @param line 1-based line number
 */
public record Directive(String name, String value, int line) {
}
