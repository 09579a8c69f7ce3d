package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.text.Whitespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns one logical line into a {@link Node}, splitting the arguments the way BuildKit does for each keyword. */
final class LineParser {

    private final char escape;

    LineParser(char escape) {
        this.escape = escape;
    }

    /** The parsed arguments of one keyword. */
    private record Args(List<String> values, boolean json, Optional<Node> child) {
        static final Args NONE = new Args(List.of(), false, Optional.empty());

        static Args of(List<String> values) {
            return new Args(values, false, Optional.empty());
        }
    }

    Node parse(String line, SourceRange range) {
        String[] cmdline = WordSplitter.splitOnceOnBlanks(Whitespace.trim(line));
        String keyword = cmdline[0];
        List<String> flags = List.of();
        String rest = "";
        if (cmdline.length == 2) {
            FlagExtractor.Result r = FlagExtractor.extract(cmdline[1]);
            flags = r.flags();
            rest = Whitespace.trim(r.rest());
        }
        Args args = arguments(keyword.toLowerCase(Locale.ROOT), rest, range);
        return new Node(keyword, flags, args.values(), args.child(), args.json(), line, List.of(), range);
    }

    private Args arguments(String command, String rest, SourceRange range) {
        switch (command) {
            case "add":
            case "copy":
            case "volume":
                return maybeJsonToList(rest);
            case "arg":
                return Args.of(WordSplitter.split(rest, escape));
            case "cmd":
            case "entrypoint":
            case "run":
            case "shell":
                return maybeJson(rest);
            case "env":
                return nameValues(rest, "ENV");
            case "label":
                return nameValues(rest, "LABEL");
            case "expose":
            case "from":
                return rest.isEmpty() ? Args.NONE : Args.of(WordSplitter.splitOnBlanks(rest));
            case "healthcheck":
                return healthcheck(rest);
            case "maintainer":
            case "stopsignal":
            case "user":
            case "workdir":
                return rest.isEmpty() ? Args.NONE : Args.of(List.of(rest));
            case "onbuild":
                return rest.isEmpty() ? Args.NONE : new Args(List.of(), false, Optional.of(parse(rest, range)));
            default:
                return Args.NONE;
        }
    }

    private static Args maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        Optional<List<String>> json = json(rest);
        return json.map(strings -> new Args(strings, true, Optional.empty())).orElseGet(() -> Args.of(List.of(rest)));
    }

    private static Args maybeJsonToList(String rest) {
        Optional<List<String>> json = json(rest);
        if (json.isPresent()) {
            return new Args(json.get(), true, Optional.empty());
        }
        return rest.isEmpty() ? Args.NONE : Args.of(WordSplitter.splitOnBlanks(rest));
    }

    private static Optional<List<String>> json(String rest) {
        try {
            return JsonArray.parse(rest);
        } catch (IllegalArgumentException e) {
            throw new SyntaxException(e.getMessage());
        }
    }

    private Args nameValues(String rest, String key) {
        List<String> words = WordSplitter.split(rest, escape);
        if (words.isEmpty()) {
            return Args.NONE;
        }
        if (!words.get(0).contains("=")) {
            String[] parts = WordSplitter.splitOnceOnBlanks(rest);
            if (parts.length < 2) {
                throw new SyntaxException(key + " must have two arguments");
            }
            return Args.of(List.of(parts[0], parts[1], ""));
        }
        List<String> out = new ArrayList<>(words.size() * 3);
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new SyntaxException("Syntax error - can't find = in \"" + word
                        + "\". Must be of the form: name=value");
            }
            out.add(word.substring(0, eq));
            out.add(word.substring(eq + 1));
            out.add("=");
        }
        return Args.of(out);
    }

    private static Args healthcheck(String rest) {
        int sep = 0;
        while (sep < rest.length() && !Whitespace.is(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Args.NONE;
        }
        int next = sep;
        while (next < rest.length() && Whitespace.is(rest.charAt(next))) {
            next++;
        }
        Args cmd = maybeJson(rest.substring(next));
        List<String> values = new ArrayList<>(cmd.values().size() + 1);
        values.add(rest.substring(0, sep));
        values.addAll(cmd.values());
        return new Args(values, cmd.json(), Optional.empty());
    }
}
