package dev.hoist.dockerfile.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) line by line. The block ends at
 * the first line that is not a known directive; later lines are never directives.
 */
public final class DirectiveParser {

    private static final Pattern DIRECTIVE = Pattern.compile("#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*");
    private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

    private final List<Directive> parsed = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean done;

    /**
     * Looks at one line (newline removed, leading space removed).
     *
     * @throws IllegalArgumentException when a directive is repeated
     */
    public Optional<Directive> accept(String line, int lineNumber) {
        if (done) {
            return Optional.empty();
        }
        Matcher m = DIRECTIVE.matcher(line);
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
        DirectiveParser p = new DirectiveParser();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && !p.done; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            p.accept(dev.hoist.dockerfile.text.Whitespace.trimLeading(stripCr(line)), i + 1);
        }
        return p.directives();
    }

    private static String stripCr(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }
}
