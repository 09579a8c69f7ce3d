package dev.hoist.dockerfile.instruction;


/** {@code USER user[:group]}. */
public record UserInstruction(Origin origin, String user) implements Instruction {

    @Override
    public String keyword() {
        return "USER";
    }
}
