package dev.hoist.dockerfile.instruction;

import java.util.ArrayList;
import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.
 *
 * @param args for exec (JSON) form the argv; for shell form one element, the command text
 * @param shellForm true when the command is run through the image's shell
 */
public record CommandLine(List<String> args, boolean shellForm) {

    public CommandLine {
        args = List.copyOf(args);
    }

    /** The argv to execute: for shell form {@code shell + [text]}, for exec form the args themselves. */
    public List<String> argv(List<String> shell) {
        if (!shellForm) {
            return args;
        }
        List<String> out = new ArrayList<>(shell);
        out.add(String.join(" ", args));
        return out;
    }
}
