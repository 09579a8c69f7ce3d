package dev.hoist.dockerfile.lint;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.DockerfileWarning;
import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.AddInstruction;
import dev.hoist.dockerfile.instruction.ArgDeclaration;
import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.CmdInstruction;
import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.EntrypointInstruction;
import dev.hoist.dockerfile.instruction.EnvInstruction;
import dev.hoist.dockerfile.instruction.ExpandedInstruction;
import dev.hoist.dockerfile.instruction.ExposeInstruction;
import dev.hoist.dockerfile.instruction.FromInstruction;
import dev.hoist.dockerfile.instruction.HealthcheckInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;
import dev.hoist.dockerfile.instruction.KeyValue;
import dev.hoist.dockerfile.instruction.LabelInstruction;
import dev.hoist.dockerfile.instruction.MaintainerInstruction;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.dockerfile.instruction.ShellInstruction;
import dev.hoist.dockerfile.instruction.Suggestion;
import dev.hoist.dockerfile.instruction.VolumeInstruction;
import dev.hoist.dockerfile.instruction.WorkdirInstruction;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.parse.JsonArray;
import dev.hoist.dockerfile.stage.BuildArgs;
import dev.hoist.dockerfile.stage.PlatformArgs;
import dev.hoist.dockerfile.stage.Stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's cheap lint checks, as warnings with positions. Rules: JSONArgsRecommended, StageNameCasing,
 * FromAsCasing, UndefinedVar, UndefinedArgInFrom, InvalidDefaultArgInFrom, CopyIgnoredFile, SecretsUsedInArgOrEnv, MaintainerDeprecated,
 * ConsistentInstructionCasing, MultipleInstructionsDisallowed, WorkdirRelativePath, RedundantTargetPlatform,
 * LegacyKeyValueFormat, ReservedStageName, ExposeProtoCasing, ExposeInvalidFormat, FromPlatformFlagConstDisallowed
 * and NoEmptyContinuation (from the parser), plus hoist's InvalidExpansion (a word the build could not expand) and
 * MalformedJSONArray for arguments that look like exec form
 * but are not valid JSON (they silently run as shell form). The {@code # check=skip=...} directive turns rules off.
 */
public final class Linter {

    private static final Pattern AS_CLAUSE = Pattern.compile("(?i)^\\s*(\\S+)\\s.*\\s(as)\\s+(\\S+)\\s*$");
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
    private static final Set<String> BASE_IMAGE_ENV = Set.of("PATH", "HOME", "HOSTNAME", "TERM", "LANG", "PWD",
            "SHELL", "USER", "LC_ALL");

    private Linter() {
    }

    /** The warnings for a parsed Dockerfile, in file order, parser warnings included. */
    public static List<DockerfileWarning> lint(Dockerfile dockerfile) {
        return lint(dockerfile, DockerIgnore.none());
    }

    /**
     * The warnings, plus CopyIgnoredFile: COPY and ADD sources from the context that {@code ignore} leaves out.
     */
    public static List<DockerfileWarning> lint(Dockerfile dockerfile, DockerIgnore ignore) {
        CheckDirective check = CheckDirective.of(dockerfile);
        List<DockerfileWarning> out = new ArrayList<>();
        Sink sink = (rule, message, range) -> {
            if (check.enabled(rule)) {
                out.add(new DockerfileWarning(rule, message, range));
            }
        };
        dockerfile.warnings().forEach(w -> sink.add(w.rule(), w.message(), w.range()));
        casing(dockerfile, sink);
        Set<String> globalArgs = new HashSet<>(PlatformArgs.NAMES);
        for (ArgInstruction a : dockerfile.globalArgs()) {
            secrets(a, sink);
            a.args().forEach(d -> globalArgs.add(d.name()));
        }
        InstructionExpander expander = new InstructionExpander(dockerfile.fileName(), dockerfile.escape());
        Map<Integer, Set<String>> stageEnv = new HashMap<>();
        Map<String, String> globalDefaults = BuildArgs.none().globalValues(dockerfile);
        for (Stage stage : dockerfile.stages()) {
            from(stage, globalArgs, expander, sink);
            baseName(stage, globalArgs, globalDefaults, expander, sink);
            ignoredSources(stage, ignore, sink);
            Set<String> inherited = new HashSet<>(BASE_IMAGE_ENV);
            dockerfile.stages().stream()
                    .filter(s -> s.index() < stage.index() && s.name().filter(stage.from().image().toLowerCase(Locale.ROOT)::equals).isPresent())
                    .findFirst().ifPresent(base -> inherited.addAll(stageEnv.getOrDefault(base.index(), Set.of())));
            stageEnv.put(stage.index(), body(stage, inherited, expander, sink));
        }
        out.sort((a, b) -> Integer.compare(a.range().startLine(), b.range().startLine()));
        return List.copyOf(out);
    }

    private static void baseName(Stage stage, Set<String> globalArgs, Map<String, String> globalDefaults,
                                 InstructionExpander expander, Sink sink) {
        String image = stage.from().image();
        if (!image.contains("$")) {
            return;
        }
        String expanded;
        try {
            ExpandedInstruction e = expander.expand(stage.from(), EnvLookup.of(globalDefaults));
            if (!globalArgs.containsAll(e.unmatched())) {
                return;
            }
            expanded = ((FromInstruction) e.instruction()).image();
        } catch (DockerfileException e) {
            return;
        }
        if (expanded.isEmpty() || expanded.endsWith(":") || expanded.endsWith("@") || expanded.startsWith(":")
                || expanded.contains("::") || expanded.startsWith("/")) {
            sink.add("InvalidDefaultArgInFrom", "Default value for ARG " + image
                    + " results in empty or invalid base image name", stage.from().range());
        }
    }

    private static void ignoredSources(Stage stage, DockerIgnore ignore, Sink sink) {
        if (ignore.patterns().isEmpty()) {
            return;
        }
        for (Instruction i : stage.instructions()) {
            List<String> sources = List.of();
            if (i instanceof CopyInstruction c && c.from().isEmpty()) {
                sources = c.sources();
            } else if (i instanceof AddInstruction a) {
                sources = a.sources();
            }
            for (String src : sources) {
                if (src.contains("$") || src.contains("://") || src.startsWith("git@")) {
                    continue;
                }
                String path = src.startsWith("./") ? src.substring(2) : src.startsWith("/") ? src.substring(1) : src;
                while (path.endsWith("/") && path.length() > 1) {
                    path = path.substring(0, path.length() - 1);
                }
                if (!path.isEmpty() && !path.equals(".") && ignore.matches(path)) {
                    sink.add("CopyIgnoredFile", "Attempting to " + (i instanceof AddInstruction ? "Add" : "Copy")
                            + " file \"" + src + "\" that is excluded by .dockerignore", i.range());
                }
            }
        }
    }

    /** Whether the {@code check} directive asks for warnings to fail the build. */
    public static boolean warningsAreErrors(Dockerfile dockerfile) {
        return CheckDirective.of(dockerfile).error();
    }

    @FunctionalInterface
    private interface Sink {
        void add(String rule, String message, SourceRange range);
    }

    private static void casing(Dockerfile df, Sink sink) {
        List<Instruction> all = df.instructions();
        int upper = 0;
        int lower = 0;
        for (Instruction i : all) {
            String kw = keywordAsWritten(i);
            if (kw.equals(kw.toUpperCase(Locale.ROOT))) {
                upper++;
            } else if (kw.equals(kw.toLowerCase(Locale.ROOT))) {
                lower++;
            }
        }
        boolean majorityUpper = upper >= lower;
        for (Instruction i : all) {
            String kw = keywordAsWritten(i);
            String want = majorityUpper ? kw.toUpperCase(Locale.ROOT) : kw.toLowerCase(Locale.ROOT);
            if (!kw.equals(want)) {
                sink.add("ConsistentInstructionCasing", "Command '" + kw + "' should match the case of the command majority ("
                        + (majorityUpper ? "uppercase" : "lowercase") + ")", i.range());
            }
        }
    }

    private static String keywordAsWritten(Instruction i) {
        String text = i.origin().text().strip();
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end);
    }

    private static void from(Stage stage, Set<String> globalArgs, InstructionExpander expander, Sink sink) {
        FromInstruction f = stage.from();
        Matcher m = AS_CLAUSE.matcher(f.origin().text());
        if (m.matches() && f.stageName().isPresent()) {
            String from = m.group(1);
            String as = m.group(2);
            String name = m.group(3);
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                sink.add("StageNameCasing", "Stage name '" + name + "' should be lowercase", f.range());
            }
            boolean fromUpper = from.equals(from.toUpperCase(Locale.ROOT));
            boolean asUpper = as.equals(as.toUpperCase(Locale.ROOT));
            if (fromUpper != asUpper) {
                sink.add("FromAsCasing", "'" + as + "' and '" + from + "' keywords' casing do not match", f.range());
            }
        }
        f.stageName().filter(n -> n.equals("scratch") || n.equals("context")).ifPresent(n ->
                sink.add("ReservedStageName", "'" + n + "' is reserved and should not be used as a stage name", f.range()));
        f.platform().ifPresent(p -> {
            if (p.equals("$TARGETPLATFORM") || p.equals("${TARGETPLATFORM}")) {
                sink.add("RedundantTargetPlatform", "Setting platform to predefined " + p
                        + " in FROM is redundant as this is the default behavior", f.range());
            } else if (!p.contains("$")) {
                sink.add("FromPlatformFlagConstDisallowed", "FROM --platform flag should not use constant value \""
                        + p + "\"", f.range());
            }
        });
        EnvLookup declared = name -> globalArgs.contains(name) ? Optional.of("") : Optional.empty();
        expand(expander, f, declared, sink).ifPresent(e -> {
            for (String name : e.unmatched()) {
                sink.add("UndefinedArgInFrom", "FROM argument '" + name + "' is not declared"
                        + hint(name, globalArgs), f.range());
            }
        });
    }

    /** Checks a stage's instructions; returns the ENV names a stage built on this one inherits. */
    private static Set<String> body(Stage stage, Set<String> inherited, InstructionExpander expander, Sink sink) {
        Set<String> envNames = new HashSet<>(inherited);
        Set<String> known = new HashSet<>(inherited);
        Map<String, Integer> singletons = new HashMap<>();
        boolean absoluteWorkdir = false;
        boolean customShell = false;
        for (Instruction i : stage.instructions()) {
            malformedJson(i, sink);
            if (InstructionExpander.expands(i)) {
                EnvLookup env = name -> known.contains(name) ? Optional.of("") : Optional.empty();
                expand(expander, i, env, sink).ifPresent(e -> {
                    for (String name : e.unmatched()) {
                        sink.add("UndefinedVar", "Usage of undefined variable '$" + name + "'" + hint(name, known), i.range());
                    }
                });
            }
            if (i instanceof ArgInstruction a) {
                secrets(a, sink);
                a.args().forEach(d -> known.add(d.name()));
            } else if (i instanceof EnvInstruction e) {
                for (KeyValue kv : e.variables()) {
                    secret("ENV", kv.key(), e.range(), sink);
                    legacy("ENV", kv, e.range(), sink);
                    known.add(kv.key());
                    envNames.add(kv.key());
                }
            } else if (i instanceof LabelInstruction l) {
                l.labels().forEach(kv -> legacy("LABEL", kv, l.range(), sink));
            } else if (i instanceof MaintainerInstruction) {
                sink.add("MaintainerDeprecated", "Maintainer instruction is deprecated in favor of using label", i.range());
            } else if (i instanceof ShellInstruction) {
                customShell = true;
            } else if ((i instanceof CmdInstruction c && c.command().shellForm())
                    || (i instanceof EntrypointInstruction en && en.command().shellForm())) {
                if (!customShell) {
                    sink.add("JSONArgsRecommended", "JSON arguments recommended for " + i.keyword()
                            + " to prevent unintended behavior related to OS signals", i.range());
                }
            } else if (i instanceof WorkdirInstruction w) {
                if (w.path().startsWith("/") || w.path().startsWith("$")) {
                    absoluteWorkdir = true;
                } else if (!absoluteWorkdir) {
                    sink.add("WorkdirRelativePath", "Relative workdir '" + w.path()
                            + "' can have unexpected results if the base image changes", i.range());
                }
            } else if (i instanceof ExposeInstruction x) {
                expose(x, sink);
            }
            if (i instanceof CmdInstruction || i instanceof EntrypointInstruction || i instanceof HealthcheckInstruction) {
                if (singletons.merge(i.keyword(), 1, Integer::sum) == 2) {
                    sink.add("MultipleInstructionsDisallowed", "Multiple " + i.keyword()
                            + " instructions should not be used in the same stage because only the last one will be used",
                            i.range());
                }
            }
        }
        return envNames;
    }

    /** Expands for the checks; a word that cannot be expanded is reported instead (the build would stop there). */
    private static Optional<ExpandedInstruction> expand(InstructionExpander expander, Instruction i, EnvLookup env, Sink sink) {
        try {
            return Optional.of(expander.expand(i, env));
        } catch (DockerfileException e) {
            sink.add("InvalidExpansion", e.detail(), i.range());
            return Optional.empty();
        }
    }

    private static void malformedJson(Instruction i, Sink sink) {
        String args = argumentText(i);
        if (!args.startsWith("[")) {
            return;
        }
        boolean shellForm = (i instanceof CmdInstruction c && c.command().shellForm())
                || (i instanceof EntrypointInstruction e && e.command().shellForm())
                || (i instanceof RunInstruction r && r.command().shellForm())
                || (i instanceof CopyInstruction || i instanceof AddInstruction || i instanceof VolumeInstruction);
        if (!shellForm || JsonArray.parse(args).isPresent()) {
            return;
        }
        String why;
        if (!args.stripTrailing().endsWith("]")) {
            why = "the array is not closed with ]";
        } else if (args.indexOf('\'') >= 0 && args.indexOf('"') < 0) {
            why = "JSON strings need double quotes, not single quotes";
        } else {
            why = "it is not valid JSON";
        }
        sink.add("MalformedJSONArray", i.keyword() + " arguments look like a JSON array but " + why
                + ", so they are used as a shell command", i.range());
    }

    /** The text after the keyword and flags, as written. */
    private static String argumentText(Instruction i) {
        String text = i.origin().text().strip();
        int pos = keywordAsWritten(i).length();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (!text.startsWith("--", pos)) {
                return text.substring(pos);
            }
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }

    private static void expose(ExposeInstruction x, Sink sink) {
        for (String p : x.ports()) {
            if (p.contains(":")) {
                sink.add("ExposeInvalidFormat", "EXPOSE instruction should not define an IP address or host-port mapping, found '"
                        + p + "'", x.range());
            }
            int slash = p.indexOf('/');
            if (slash >= 0) {
                String proto = p.substring(slash + 1);
                if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
                    sink.add("ExposeProtoCasing", "Defined protocol '" + p + "' in EXPOSE instruction should be lowercase",
                            x.range());
                }
            }
        }
    }

    private static void secrets(ArgInstruction a, Sink sink) {
        for (ArgDeclaration d : a.args()) {
            secret("ARG", d.name(), a.range(), sink);
        }
    }

    private static void secret(String keyword, String name, SourceRange range, Sink sink) {
        if (SECRET.matcher(name).find()) {
            sink.add("SecretsUsedInArgOrEnv", "Do not use ARG or ENV instructions for sensitive data (" + keyword
                    + " \"" + name + "\")", range);
        }
    }

    private static void legacy(String keyword, KeyValue kv, SourceRange range, Sink sink) {
        if (kv.legacyForm()) {
            sink.add("LegacyKeyValueFormat", "\"" + keyword + " key=value\" should be used instead of legacy \""
                    + keyword + " key value\" format", range);
        }
    }

    private static String hint(String name, Set<String> known) {
        return Suggestion.closest(name, known).map(s -> " (did you mean $" + s + "?)").orElse("");
    }
}
