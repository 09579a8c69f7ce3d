package dev.hoist.dockerfile.instruction;


/** {@code CMD}: the default command of the image. */
public record CmdInstruction(Origin origin, CommandLine command) implements Instruction {

    @Override
    public String keyword() {
        return "CMD";
    }
}
