package dev.hoist.dockerfile.instruction;

import java.util.List;
import java.util.Optional;

/** {@code COPY}: copies from the context, a stage or an image; heredoc sources are in {@code contents}. */
public record CopyInstruction(Origin origin, List<String> sources, List<SourceContent> contents, String destination,
                              Optional<String> from, Optional<String> chown, Optional<String> chmod, boolean link,
                              boolean parents, List<String> excludes) implements Instruction {

    public CopyInstruction {
        sources = List.copyOf(sources);
        contents = List.copyOf(contents);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String keyword() {
        return "COPY";
    }
}
