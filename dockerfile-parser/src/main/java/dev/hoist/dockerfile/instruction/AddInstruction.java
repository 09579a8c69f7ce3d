package dev.hoist.dockerfile.instruction;

import java.util.List;
import java.util.Optional;

/** {@code ADD}: like COPY, plus URLs, git repositories and archive unpacking. */
public record AddInstruction(Origin origin, List<String> sources, List<SourceContent> contents, String destination,
                             Optional<String> chown, Optional<String> chmod, Optional<String> checksum,
                             boolean keepGitDir, boolean link, List<String> excludes, Optional<Boolean> unpack) implements Instruction {

    public AddInstruction {
        sources = List.copyOf(sources);
        contents = List.copyOf(contents);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String keyword() {
        return "ADD";
    }
}
