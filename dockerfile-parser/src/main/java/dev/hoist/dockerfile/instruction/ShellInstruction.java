package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code SHELL ["sh", "-c"]}: the shell used by later shell-form commands. */
public record ShellInstruction(Origin origin, List<String> shell) implements Instruction {

    public ShellInstruction {
        shell = List.copyOf(shell);
    }

    @Override
    public String keyword() {
        return "SHELL";
    }
}
