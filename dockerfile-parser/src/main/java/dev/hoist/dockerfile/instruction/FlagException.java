package dev.hoist.dockerfile.instruction;

import java.util.List;

/** A problem with one flag; {@code needles} are texts to look for in the source to point at the flag's column. */
final class FlagException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> needles;

    FlagException(String message, List<String> needles) {
        super(message);
        this.needles = List.copyOf(needles);
    }

    List<String> needles() {
        return needles;
    }
}
