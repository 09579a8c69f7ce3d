package dev.hoist.dockerfile.instruction;


/** {@code STOPSIGNAL signal}. */
public record StopSignalInstruction(Origin origin, String signal) implements Instruction {

    @Override
    public String keyword() {
        return "STOPSIGNAL";
    }
}
