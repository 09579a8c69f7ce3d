package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.parse.Heredoc;

import java.util.List;
import java.util.Optional;

/** {@code RUN}: runs a command; heredoc files are passed raw with their chomp flag. */
public record RunInstruction(Origin origin, CommandLine command, List<Mount> mounts, Optional<String> network, Optional<String> security, List<Heredoc> heredocs) implements Instruction {

    @Override
    public String keyword() {
        return "RUN";
    }
}
