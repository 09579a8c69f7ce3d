package dev.hoist.dockerfile;

import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.FromInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionParser;
import dev.hoist.dockerfile.parse.Ast;
import dev.hoist.dockerfile.parse.AstParser;
import dev.hoist.dockerfile.parse.Node;
import dev.hoist.dockerfile.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: Dockerfile text to a typed, immutable {@link Dockerfile}.
 *
 * <pre>{@code
 * Dockerfile df = DockerfileParser.parse("Dockerfile", text);
 * for (Stage stage : df.stages()) { ... }
 * }</pre>
 *
 * Every error is a {@link DockerfileException} whose message is {@code File:line:col: what is wrong}.
 */
public final class DockerfileParser {

    private DockerfileParser() {
    }

    /** Parses Dockerfile text; {@code fileName} is only used in messages. */
    public static Dockerfile parse(String fileName, String text) {
        Ast ast = AstParser.parse(fileName, text);
        InstructionParser parser = new InstructionParser(fileName, text);
        List<ArgInstruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, Stage> byName = new HashMap<>();
        FromInstruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Node node : ast.nodes()) {
            Instruction ins = parser.parse(node);
            if (ins instanceof FromInstruction f) {
                if (from != null) {
                    stages.add(stage(stages.size(), from, body, byName, fileName));
                }
                from = f;
                body = new ArrayList<>();
            } else if (from == null) {
                if (!(ins instanceof ArgInstruction arg)) {
                    throw new DockerfileException(fileName, ins.range(), ins.keyword()
                            + " instruction before the first FROM: only ARG may come before FROM");
                }
                globalArgs.add(arg);
            } else {
                body.add(ins);
            }
        }
        if (from == null) {
            SourceRange last = ast.nodes().get(ast.nodes().size() - 1).range();
            throw new DockerfileException(fileName, last, "no FROM instruction: a Dockerfile needs at least one stage");
        }
        stages.add(stage(stages.size(), from, body, byName, fileName));
        return new Dockerfile(fileName, ast.directives(), ast.escape(), globalArgs, stages, ast.warnings());
    }

    /** Reads and parses a file (UTF-8); messages name the file as given. */
    public static Dockerfile parse(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Stage stage(int index, FromInstruction from, List<Instruction> body, Map<String, Stage> byName,
                               String fileName) {
        Optional<String> name = from.stageName();
        Stage stage = new Stage(index, name, from, body);
        if (name.isPresent()) {
            Stage previous = byName.putIfAbsent(name.get(), stage);
            if (previous != null) {
                throw new DockerfileException(fileName, from.range(), "duplicate stage name \"" + name.get()
                        + "\" (first defined on line " + previous.from().range().startLine() + ")");
            }
        }
        return stage;
    }
}
