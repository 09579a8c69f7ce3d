package dev.hoist.dockerfile.render;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.DockerfileWarning;
import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.EnvInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;
import dev.hoist.dockerfile.instruction.KeyValue;
import dev.hoist.dockerfile.lint.Linter;
import dev.hoist.dockerfile.parse.Directive;
import dev.hoist.dockerfile.stage.BuildArgs;
import dev.hoist.dockerfile.stage.Stage;
import dev.hoist.dockerfile.stage.StageArgs;
import dev.hoist.dockerfile.stage.StageGraph;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parsed model as plain data ({@link Map}, {@link List}, String, Number, Boolean) ready for JSON: directives,
 * stages with their dependencies, each instruction with its fields and line range, the values the build would
 * expand ({@code expanded}), and lint warnings. {@link JsonWriter} turns it into text.
 */
public final class DockerfileModel {

    private DockerfileModel() {
    }

    /** The model with no build args and the host platform. */
    public static Map<String, Object> toMap(Dockerfile dockerfile) {
        return toMap(dockerfile, BuildArgs.none());
    }

    /** The model, expanding with the given build args. */
    public static Map<String, Object> toMap(Dockerfile dockerfile, BuildArgs args) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", dockerfile.fileName());
        out.put("escape", String.valueOf(dockerfile.escape()));
        List<Object> directives = new ArrayList<>();
        for (Directive d : dockerfile.directives()) {
            directives.add(ordered("name", d.name(), "value", d.value(), "line", d.line()));
        }
        out.put("directives", directives);
        InstructionExpander expander = new InstructionExpander(dockerfile.fileName(), dockerfile.escape());
        EnvLookup global = args.globalScope(dockerfile);
        List<Object> globalArgs = new ArrayList<>();
        dockerfile.globalArgs().forEach(a -> globalArgs.add(instruction(a, expander, global)));
        out.put("globalArgs", globalArgs);
        StageGraph graph = StageGraph.of(dockerfile, args);
        List<Object> stages = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            stages.add(stage(dockerfile, stage, graph, args, expander, global));
        }
        out.put("stages", stages);
        List<Object> warnings = new ArrayList<>();
        for (DockerfileWarning w : Linter.lint(dockerfile)) {
            Map<String, Object> m = ordered("rule", w.rule(), "message", w.message());
            m.putAll(range(w.range()));
            warnings.add(m);
        }
        out.put("warnings", warnings);
        return out;
    }

    /** The model as indented JSON text. */
    public static String toJson(Dockerfile dockerfile, BuildArgs args) {
        return JsonWriter.write(toMap(dockerfile, args));
    }

    private static Map<String, Object> stage(Dockerfile df, Stage stage, StageGraph graph, BuildArgs args,
                                             InstructionExpander expander, EnvLookup global) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", stage.index());
        stage.name().ifPresent(n -> m.put("name", n));
        m.putAll(range(stage.range()));
        List<Object> deps = new ArrayList<>(graph.dependenciesOf(stage.index()));
        m.put("dependsOn", deps);
        m.put("from", instruction(stage.from(), expander, global));
        StageArgs stageArgs = args.stageScope(df);
        Map<String, String> env = new HashMap<>();
        List<Object> instructions = new ArrayList<>();
        for (Instruction i : stage.instructions()) {
            EnvLookup lookup = stageArgs.environment(EnvLookup.of(env));
            Map<String, Object> im = instruction(i, expander, lookup);
            instructions.add(im);
            try {
                Instruction expanded = expander.expand(i, lookup).instruction();
                if (expanded instanceof ArgInstruction a) {
                    stageArgs.declare(a);
                } else if (expanded instanceof EnvInstruction e) {
                    for (KeyValue kv : e.variables()) {
                        env.put(kv.key(), kv.value());
                    }
                }
            } catch (DockerfileException e) {
                im.put("expansionError", e.getMessage());
            }
        }
        m.put("instructions", instructions);
        return m;
    }

    private static Map<String, Object> instruction(Instruction i, InstructionExpander expander, EnvLookup env) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyword", i.keyword());
        m.putAll(range(i.range()));
        m.put("original", i.origin().text());
        m.putAll(fields((Record) i));
        if (InstructionExpander.expands(i)) {
            try {
                m.put("expanded", fields((Record) expander.expand(i, env).instruction()));
            } catch (DockerfileException e) {
                m.put("expansionError", e.getMessage());
            }
        }
        return m;
    }

    private static Map<String, Object> range(SourceRange r) {
        return ordered("startLine", r.startLine(), "startColumn", r.startColumn(), "endLine", r.endLine(),
                "endColumn", r.endColumn());
    }

    private static Map<String, Object> fields(Record record) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals("origin")) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            value(v).ifPresent(x -> m.put(c.getName(), x));
        }
        return m;
    }

    private static Optional<Object> value(Object v) {
        if (v instanceof Optional<?> o) {
            return o.flatMap(DockerfileModel::value);
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? Optional.of(o.getAsInt()) : Optional.empty();
        }
        if (v instanceof Instruction i) {
            Map<String, Object> m = ordered("keyword", i.keyword());
            m.putAll(fields((Record) i));
            return Optional.of(m);
        }
        if (v instanceof Record r) {
            return Optional.of(fields(r));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(e -> value(e).ifPresent(out::add));
            return Optional.of(out);
        }
        if (v instanceof Enum<?> e) {
            return Optional.of(e.name().toLowerCase(Locale.ROOT));
        }
        if (v instanceof Duration d) {
            return Optional.of(d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms");
        }
        if (v instanceof Character c) {
            return Optional.of(String.valueOf(c));
        }
        return Optional.ofNullable(v);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
