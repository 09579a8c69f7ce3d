package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code ARG name[=default] ...}: build arguments. */
public record ArgInstruction(Origin origin, List<ArgDeclaration> args) implements Instruction {

    public ArgInstruction {
        args = List.copyOf(args);
    }

    @Override
    public String keyword() {
        return "ARG";
    }
}
