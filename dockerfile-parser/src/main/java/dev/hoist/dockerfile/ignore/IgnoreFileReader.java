package dev.hoist.dockerfile.ignore;

import java.util.ArrayList;
import java.util.List;

/** Reads the patterns of a {@code .dockerignore} file the way docker/cli and BuildKit do. */
public final class IgnoreFileReader {

    /** A pattern and the 1-based line it came from. */
    public record Line(String pattern, int number) {
    }

    private IgnoreFileReader() {
    }

    /**
     * The patterns, one per non-comment, non-blank line: a leading BOM is dropped, lines starting with {@code #}
     * are comments, each pattern is trimmed and cleaned, and one leading {@code /} is removed.
     */
    public static List<Line> read(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.charAt(0) == '!';
            if (invert) {
                pattern = pattern.substring(1).strip();
            }
            if (!pattern.isEmpty()) {
                pattern = PathCleaner.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            out.add(new Line(invert ? "!" + pattern : pattern, i + 1));
        }
        return out;
    }
}
