package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code ENV k=v ...}: environment variables. */
public record EnvInstruction(Origin origin, List<KeyValue> variables) implements Instruction {

    public EnvInstruction {
        variables = List.copyOf(variables);
    }

    @Override
    public String keyword() {
        return "ENV";
    }
}
