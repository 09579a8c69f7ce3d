package dev.hoist.dockerfile.instruction;

import java.util.Optional;

/**
 * One name declared by ARG.
 *
 * @param name the argument name
 * @param defaultValue the default as written (unexpanded), if any
 */
public record ArgDeclaration(String name, Optional<String> defaultValue) {
}
