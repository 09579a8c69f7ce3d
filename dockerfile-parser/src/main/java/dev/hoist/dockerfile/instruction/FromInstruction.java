package dev.hoist.dockerfile.instruction;

import java.util.Optional;

/** {@code FROM [--platform=p] image [AS name]}: starts a stage. */
public record FromInstruction(Origin origin, String image, Optional<String> platform, Optional<String> stageName) implements Instruction {

    @Override
    public String keyword() {
        return "FROM";
    }
}
