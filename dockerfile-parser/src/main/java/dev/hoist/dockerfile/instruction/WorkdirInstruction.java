package dev.hoist.dockerfile.instruction;


/** {@code WORKDIR path}. */
public record WorkdirInstruction(Origin origin, String path) implements Instruction {

    @Override
    public String keyword() {
        return "WORKDIR";
    }
}
