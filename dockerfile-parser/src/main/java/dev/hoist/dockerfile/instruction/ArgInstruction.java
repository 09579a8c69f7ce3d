package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code ARG name[=default] ...}: build arguments. */
public record ArgInstruction(Origin origin, List<ArgDeclaration> args) implements Instruction {

    @Override
    public String keyword() {
        return "ARG";
    }
}
