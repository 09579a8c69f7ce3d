package dev.hoist.dockerfile;

import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.parse.Directive;
import dev.hoist.dockerfile.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Dockerfile: directives, the global ARGs before the first FROM, and the stages.
 *
 * @param fileName the name used in messages
 * @param directives the parser directives ({@code syntax}, {@code escape}, {@code check})
 * @param escape the escape character in force
 * @param globalArgs ARG instructions before the first FROM (usable in FROM lines)
 * @param stages the build stages in file order
 * @param warnings parser warnings (lint warnings come from {@code Linter})
 */
public record Dockerfile(String fileName, List<Directive> directives, char escape, List<ArgInstruction> globalArgs,
                         List<Stage> stages, List<DockerfileWarning> warnings) {

    public Dockerfile {
        directives = List.copyOf(directives);
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    /** The value of a directive by (case-insensitive) name. */
    public Optional<String> directive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return directives.stream().filter(d -> d.name().equals(n)).map(Directive::value).findFirst();
    }

    /** Every instruction in file order: global ARGs, then each stage's FROM and instructions. */
    public List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>(globalArgs);
        for (Stage s : stages) {
            out.add(s.from());
            out.addAll(s.instructions());
        }
        return out;
    }

    /** The stage with this name (case-insensitive) or index. */
    public Optional<Stage> stage(String nameOrIndex) {
        String n = nameOrIndex.toLowerCase(Locale.ROOT);
        for (Stage s : stages) {
            if (s.name().filter(n::equals).isPresent()) {
                return Optional.of(s);
            }
        }
        if (n.matches("\\d{1,9}")) {
            int i = Integer.parseInt(n);
            if (i < stages.size()) {
                return Optional.of(stages.get(i));
            }
        }
        return Optional.empty();
    }

    /** The last stage, which is what a build without {@code --target} produces. */
    public Stage lastStage() {
        return stages.get(stages.size() - 1);
    }
}
