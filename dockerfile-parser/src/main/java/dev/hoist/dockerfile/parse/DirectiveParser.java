package dev.hoist.dockerfile.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) line by line. The block ends at
 * the first line that is not a known directive; later lines are never directives.
 */
public final class DirectiveParser {

    private static final String DIRECTIVE_BODY = "[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*";
    private static final Pattern DIRECTIVE = Pattern.compile("#" + DIRECTIVE_BODY);
    private static final Pattern SLASH_DIRECTIVE = Pattern.compile("//" + DIRECTIVE_BODY);
    private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

    private final Pattern pattern;
    private final List<Directive> parsed = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean done;

    /** A parser for {@code #} directives. */
    public DirectiveParser() {
        this(DIRECTIVE);
    }

    private DirectiveParser(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Looks at one line (newline removed, leading space removed).
     *
     * @throws IllegalArgumentException when a directive is repeated
     */
    public Optional<Directive> accept(String line, int lineNumber) {
        if (done) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            done = true;
            return Optional.empty();
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(name)) {
            done = true;
            return Optional.empty();
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("only one " + name + " parser directive can be used");
        }
        Directive d = new Directive(name, m.group(2), lineNumber);
        parsed.add(d);
        return Optional.of(d);
    }

    /** The directives seen so far. */
    public List<Directive> directives() {
        return List.copyOf(parsed);
    }

    /** The directive block at the top of {@code text}. */
    public static List<Directive> parseAll(String text) {
        return parseAll(new DirectiveParser(), text.startsWith("\uFEFF") ? text.substring(1) : text, 0);
    }

    private static List<Directive> parseAll(DirectiveParser p, String text, int firstLine) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && !p.done; i++) {
            p.accept(dev.hoist.dockerfile.text.Whitespace.trimLeading(stripCr(lines[i])), firstLine + i + 1);
        }
        return p.directives();
    }

    /**
     * Finds a directive the way BuildKit's front-end selection does: after an optional BOM and {@code #!} line,
     * a leading JSON object ({@code {"syntax": "..."}}), then (for {@code syntax} only) {@code //syntax=} comments,
     * then {@code #} comments. The value is the whole directive text; its first word is the reference.
     */
    public static Optional<Directive> detect(String key, String text) {
        String dt = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int line = 0;
        if (dt.startsWith("#!")) {
            int nl = dt.indexOf('\n');
            dt = nl < 0 ? "" : dt.substring(nl + 1);
            line = 1;
        }
        Optional<Object> json = JsonArray.parseDocument(dt);
        if (json.isPresent() && json.get() instanceof Map<?, ?> map) {
            Object v = map.get(key);
            if (v instanceof String s) {
                return Optional.of(new Directive(key, s, line + 1));
            }
        }
        List<DirectiveParser> parsers = key.equals("syntax")
                ? List.of(new DirectiveParser(SLASH_DIRECTIVE), new DirectiveParser())
                : List.of(new DirectiveParser());
        for (DirectiveParser p : parsers) {
            try {
                for (Directive d : parseAll(p, dt, line)) {
                    if (d.name().equals(key)) {
                        return Optional.of(d);
                    }
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String stripCr(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }
}
