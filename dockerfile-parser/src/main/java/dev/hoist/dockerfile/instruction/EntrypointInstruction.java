package dev.hoist.dockerfile.instruction;


/** {@code ENTRYPOINT}: the entry point of the image. */
public record EntrypointInstruction(Origin origin, CommandLine command) implements Instruction {

    @Override
    public String keyword() {
        return "ENTRYPOINT";
    }
}
