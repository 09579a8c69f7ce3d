package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.parse.Heredoc;
import dev.hoist.dockerfile.parse.HeredocSyntax;
import dev.hoist.dockerfile.parse.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Gives a {@link Node} its type: checks flags and argument counts, with BuildKit's rules and messages. */
public final class InstructionParser {

    /** Every instruction keyword, upper case. */
    public static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
    private static final Duration MINIMUM_DURATION = Duration.ofMillis(1);

    private final String fileName;
    private final String text;

    /** A parser whose errors point at the start of the instruction. */
    public InstructionParser(String fileName) {
        this(fileName, "");
    }

    /** A parser that can point errors about a flag at the flag's own line and column in {@code text}. */
    public InstructionParser(String fileName, String text) {
        this.fileName = fileName;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Converts one node.
     *
     * @throws DockerfileException naming the file, line and column and what is wrong
     */
    public Instruction parse(Node node) {
        try {
            return convert(node);
        } catch (FlagException e) {
            SourceRange range = node.range();
            String[] lines = text.split("\n", -1);
            for (String needle : e.needles()) {
                for (int line = range.startLine(); line <= range.endLine() && line <= lines.length; line++) {
                    int col = lines[line - 1].indexOf(needle);
                    if (col >= 0) {
                        throw new DockerfileException(fileName, line, col + 1, e.getMessage());
                    }
                }
            }
            throw new DockerfileException(fileName, range, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(fileName, node.range(), e.getMessage());
        }
    }

    private Instruction convert(Node node) {
        Origin origin = new Origin(node.range(), node.original());
        String cmd = node.command();
        List<String> args = node.args();
        switch (cmd) {
            case "from": {
                FlagSet flags = new FlagSet("FROM").string("platform").parse(node.flags());
                Optional<String> name = Optional.empty();
                if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
                    String n = args.get(2).toLowerCase(Locale.ROOT);
                    if (!STAGE_NAME.matcher(n).matches()) {
                        throw new IllegalArgumentException("invalid name for build stage: \"" + args.get(2)
                                + "\", name can't start with a number or contain symbols");
                    }
                    name = Optional.of(n);
                } else if (args.size() != 1) {
                    throw new IllegalArgumentException("FROM requires either one or three arguments");
                }
                return new FromInstruction(origin, args.get(0), flags.value("platform"), name);
            }
            case "run": {
                FlagSet flags = new FlagSet("RUN").strings("mount").string("network").string("security")
                        .parse(node.flags());
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("RUN requires at least one argument");
                }
                List<Mount> mounts = new ArrayList<>();
                for (String m : flags.all("mount")) {
                    try {
                        mounts.add(MountParser.parse(m));
                    } catch (IllegalArgumentException e) {
                        throw new FlagException(e.getMessage(), List.of("--mount=" + m, "--mount"));
                    }
                }
                Optional<String> network = flags.value("network");
                network.ifPresent(n -> oneOf("network", n, List.of("default", "none", "host")));
                Optional<String> security = flags.value("security");
                security.ifPresent(s -> oneOf("security", s, List.of("sandbox", "insecure")));
                return new RunInstruction(origin, command(node), List.copyOf(mounts), network, security,
                        node.heredocs());
            }
            case "cmd":
                noFlags("CMD", node);
                return new CmdInstruction(origin, command(node));
            case "entrypoint":
                noFlags("ENTRYPOINT", node);
                return new EntrypointInstruction(origin, command(node));
            case "shell":
                noFlags("SHELL", node);
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("SHELL requires at least one argument");
                }
                if (!node.json()) {
                    throw new IllegalArgumentException("SHELL requires the arguments to be in JSON form");
                }
                return new ShellInstruction(origin, args);
            case "label":
                noFlags("LABEL", node);
                return new LabelInstruction(origin, pairs("LABEL", args));
            case "env":
                noFlags("ENV", node);
                return new EnvInstruction(origin, pairs("ENV", args));
            case "maintainer":
                noFlags("MAINTAINER", node);
                return new MaintainerInstruction(origin, exactlyOne("MAINTAINER", args));
            case "expose":
                noFlags("EXPOSE", node);
                atLeastOne("EXPOSE", args);
                return new ExposeInstruction(origin, args);
            case "volume":
                noFlags("VOLUME", node);
                atLeastOne("VOLUME", args);
                for (String v : args) {
                    if (v.isBlank()) {
                        throw new IllegalArgumentException("VOLUME specified can not be an empty string");
                    }
                }
                return new VolumeInstruction(origin, args);
            case "user":
                noFlags("USER", node);
                return new UserInstruction(origin, exactlyOne("USER", args));
            case "workdir":
                noFlags("WORKDIR", node);
                return new WorkdirInstruction(origin, exactlyOne("WORKDIR", args));
            case "stopsignal":
                noFlags("STOPSIGNAL", node);
                return new StopSignalInstruction(origin, exactlyOne("STOPSIGNAL", args));
            case "arg":
                noFlags("ARG", node);
                return new ArgInstruction(origin, argDeclarations(args));
            case "copy":
                return copy(origin, node);
            case "add":
                return add(origin, node);
            case "onbuild":
                return onbuild(origin, node);
            case "healthcheck":
                return healthcheck(origin, node);
            default:
                String message = "unknown instruction: " + node.keyword();
                Optional<String> hint = Suggestion.closest(node.keyword(), KEYWORDS);
                throw new IllegalArgumentException(hint.map(h -> message + " (did you mean " + h + "?)").orElse(message));
        }
    }

    private static CommandLine command(Node node) {
        return new CommandLine(node.args(), !node.json());
    }

    private static void noFlags(String name, Node node) {
        new FlagSet(name).parse(node.flags());
    }

    private static void oneOf(String flag, String value, List<String> allowed) {
        if (!allowed.contains(value) && !value.contains("$")) {
            throw new FlagException("invalid value for --" + flag + ": " + value + " (use "
                    + String.join(", ", allowed) + ")", List.of("--" + flag));
        }
    }

    private static String exactlyOne(String name, List<String> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException(name + " requires exactly one argument");
        }
        return args.get(0);
    }

    private static void atLeastOne(String name, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(name + " requires at least one argument");
        }
    }

    private static List<KeyValue> pairs(String name, List<String> args) {
        atLeastOne(name, args);
        if (args.size() % 3 != 0) {
            throw new IllegalArgumentException("Bad input to " + name + ", too many arguments");
        }
        List<KeyValue> out = new ArrayList<>(args.size() / 3);
        for (int i = 0; i < args.size(); i += 3) {
            out.add(new KeyValue(args.get(i), args.get(i + 1), args.get(i + 2).isEmpty()));
        }
        return List.copyOf(out);
    }

    private static List<ArgDeclaration> argDeclarations(List<String> args) {
        atLeastOne("ARG", args);
        List<ArgDeclaration> out = new ArrayList<>(args.size());
        for (String a : args) {
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("ARG names can not be blank: " + a);
            }
            out.add(new ArgDeclaration(name, eq < 0 ? Optional.empty() : Optional.of(a.substring(eq + 1))));
        }
        return List.copyOf(out);
    }

    /** Sources (paths and heredocs) and destination of COPY and ADD. */
    private record SourcesAndDest(List<String> paths, List<SourceContent> contents, String dest) {
    }

    private static SourcesAndDest sourcesAndDest(String name, Node node) {
        List<String> args = node.args();
        if (args.size() < 2) {
            throw new IllegalArgumentException(name + " requires at least two arguments, but only one was provided."
                    + " Destination could not be determined");
        }
        String dest = args.get(args.size() - 1);
        if (marker(dest).isPresent()) {
            throw new IllegalArgumentException(name + " cannot accept a heredoc as a destination");
        }
        Map<String, Heredoc> byName = new LinkedHashMap<>();
        node.heredocs().forEach(h -> byName.put(h.name(), h));
        List<String> paths = new ArrayList<>();
        List<SourceContent> contents = new ArrayList<>();
        for (String src : args.subList(0, args.size() - 1)) {
            Optional<Heredoc> m = node.json() ? Optional.empty() : marker(src);
            if (m.isPresent()) {
                Heredoc marker = m.get();
                String data = Optional.ofNullable(byName.get(marker.name())).map(Heredoc::content).orElse("");
                contents.add(new SourceContent(marker.name(), marker.chomp() ? Heredoc.chomp(data) : data, marker.expand()));
            } else {
                paths.add(src);
            }
        }
        return new SourcesAndDest(List.copyOf(paths), List.copyOf(contents), dest);
    }

    private static Optional<Heredoc> marker(String word) {
        try {
            return HeredocSyntax.parseMarker(word);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instruction copy(Origin origin, Node node) {
        FlagSet flags = new FlagSet("COPY").string("from").string("chown").string("chmod").bool("link")
                .bool("parents").strings("exclude").parse(node.flags());
        SourcesAndDest sd = sourcesAndDest("COPY", node);
        flags.value("chmod").ifPresent(InstructionParser::checkChmod);
        return new CopyInstruction(origin, sd.paths(), sd.contents(), sd.dest(), flags.value("from"),
                flags.value("chown"), flags.value("chmod"), flags.isTrue("link"), flags.isTrue("parents"),
                flags.all("exclude"));
    }

    private static Instruction add(Origin origin, Node node) {
        FlagSet flags = new FlagSet("ADD").string("chown").string("chmod").string("checksum").bool("keep-git-dir")
                .bool("link").strings("exclude").bool("unpack").parse(node.flags());
        SourcesAndDest sd = sourcesAndDest("ADD", node);
        flags.value("chmod").ifPresent(InstructionParser::checkChmod);
        if (flags.value("checksum").isPresent()) {
            for (String src : sd.paths()) {
                if (!src.contains("://") && !src.startsWith("git@")) {
                    throw new IllegalArgumentException("checksum can't be specified for non-HTTP(S) sources: " + src);
                }
            }
        }
        return new AddInstruction(origin, sd.paths(), sd.contents(), sd.dest(), flags.value("chown"),
                flags.value("chmod"), flags.value("checksum"), flags.isTrue("keep-git-dir"), flags.isTrue("link"),
                flags.all("exclude"), flags.optionalBool("unpack"));
    }

    private static void checkChmod(String chmod) {
        if (chmod.contains("$")) {
            return;
        }
        if (!chmod.matches("[0-7]{3,4}") && !chmod.matches("([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*")) {
            throw new FlagException("invalid chmod parameter \"" + chmod
                    + "\": use an octal mode such as 0755 or a symbolic one such as u+x", List.of("--chmod"));
        }
    }

    private Instruction onbuild(Origin origin, Node node) {
        noFlags("ONBUILD", node);
        Node child = node.child().orElseThrow(() -> new IllegalArgumentException("ONBUILD requires at least one argument"));
        String trigger = child.keyword().toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw new IllegalArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> throw new IllegalArgumentException(trigger + " isn't allowed as an ONBUILD trigger");
            default -> { }
        }
        StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(node.original()).replaceFirst(""));
        for (Heredoc h : node.heredocs()) {
            expression.append('\n').append(h.content()).append(h.name());
        }
        Node withDocs = new Node(child.keyword(), child.flags(), child.args(), child.child(), child.json(),
                child.original(), node.heredocs(), node.range());
        return new OnbuildInstruction(origin, convert(withDocs), expression.toString());
    }

    private static Instruction healthcheck(Origin origin, Node node) {
        List<String> args = node.args();
        atLeastOne("HEALTHCHECK", args);
        String type = args.get(0).toUpperCase(Locale.ROOT);
        List<String> rest = args.subList(1, args.size());
        if (type.equals("NONE")) {
            noFlags("HEALTHCHECK NONE", node);
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("HEALTHCHECK NONE takes no arguments");
            }
            return new HealthcheckInstruction(origin, Optional.empty());
        }
        FlagSet flags = new FlagSet("HEALTHCHECK").string("interval").string("timeout").string("start-period")
                .string("start-interval").string("retries").parse(node.flags());
        if (!type.equals("CMD")) {
            throw new IllegalArgumentException("Unknown type \"" + args.get(0) + "\" in HEALTHCHECK (try CMD)");
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("Missing command after HEALTHCHECK CMD");
        }
        List<String> test = new ArrayList<>();
        test.add(node.json() ? "CMD" : "CMD-SHELL");
        test.addAll(rest);
        Optional<Integer> retries = flags.value("retries").map(r -> {
            int n;
            try {
                n = Integer.parseInt(r);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid --retries value \"" + r + "\": expected a number");
            }
            if (n < 0) {
                throw new IllegalArgumentException("--retries cannot be negative (" + n + ")");
            }
            return n;
        });
        return new HealthcheckInstruction(origin, Optional.of(new HealthConfig(test,
                interval(flags, "interval"), interval(flags, "timeout"), interval(flags, "start-period"),
                interval(flags, "start-interval"), retries)));
    }

    private static Optional<Duration> interval(FlagSet flags, String name) {
        return flags.value(name).filter(v -> !v.isEmpty()).map(v -> {
            Duration d = GoDuration.parse(v);
            if (d.isNegative() || (!d.isZero() && d.compareTo(MINIMUM_DURATION) < 0)) {
                throw new IllegalArgumentException("Interval \"" + name + "\" cannot be less than 1ms");
            }
            return d;
        });
    }
}
