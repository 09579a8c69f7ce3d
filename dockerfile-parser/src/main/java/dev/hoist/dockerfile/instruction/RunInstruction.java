package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.parse.Heredoc;
import dev.hoist.dockerfile.parse.HeredocSyntax;

import java.util.List;
import java.util.Optional;

/** {@code RUN}: runs a command; heredoc files are passed raw with their chomp flag. */
public record RunInstruction(Origin origin, CommandLine command, List<Mount> mounts, Optional<String> network,
                             Optional<String> security, List<Heredoc> heredocs) implements Instruction {

    public RunInstruction {
        mounts = List.copyOf(mounts);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public String keyword() {
        return "RUN";
    }

    /**
     * A heredoc that BuildKit runs as a program instead of through the shell: the command is exactly one heredoc
     * marker and its content starts with {@code #!}. The builder writes its (chomped) content to an executable
     * file (BuildKit uses {@code /dev/pipes/<name>}) and runs that file.
     */
    public Optional<Heredoc> executableHeredoc() {
        if (command.shellForm() && heredocs.size() == 1 && isSingleMarker()
                && heredocs.get(0).content().startsWith("#!")) {
            return Optional.of(heredocs.get(0));
        }
        return Optional.empty();
    }

    /**
     * The text a shell-form RUN hands to the shell ({@code sh -c <text>}), with BuildKit's heredoc rules: no
     * heredocs gives the command as written; a command that is one heredoc marker gives that heredoc's (chomped)
     * content; otherwise the command is followed by each heredoc body and terminator, for the shell to read.
     *
     * @throws IllegalStateException for exec form, which does not go through a shell
     */
    public String shellScript() {
        if (!command.shellForm()) {
            throw new IllegalStateException("exec-form RUN has no shell script");
        }
        String text = String.join(" ", command.args());
        if (heredocs.isEmpty()) {
            return text;
        }
        if (isSingleMarker()) {
            return heredocs.get(0).chompedContent();
        }
        StringBuilder full = new StringBuilder(text);
        for (Heredoc h : heredocs) {
            full.append('\n').append(h.content()).append(h.name());
        }
        return full.toString();
    }

    private boolean isSingleMarker() {
        return command.args().size() == 1 && HeredocSyntax.parseMarker(command.args().get(0)).isPresent();
    }
}
