package dev.hoist.dockerfile.instruction;


/** {@code MAINTAINER name}: deprecated author field. */
public record MaintainerInstruction(Origin origin, String name) implements Instruction {

    @Override
    public String keyword() {
        return "MAINTAINER";
    }
}
