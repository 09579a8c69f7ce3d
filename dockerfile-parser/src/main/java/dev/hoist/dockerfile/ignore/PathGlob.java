package dev.hoist.dockerfile.ignore;

import java.util.regex.Pattern;

/**
 * Compiles one {@code .dockerignore} pattern to a regular expression: Go {@code filepath.Match} syntax ({@code *},
 * {@code ?}, {@code [a-z]}, {@code [^a-z]}, {@code \x}) plus {@code **} for any number of path segments.
 * Malformed patterns are refused here, not at match time.
 */
final class PathGlob {

    private PathGlob() {
    }

    /**
     * The regular expression for a cleaned pattern.
     *
     * @throws IllegalArgumentException when the pattern is malformed
     */
    static Pattern compile(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        while (i < cps.length) {
            int ch = cps[i++];
            if (ch == '*') {
                if (i < cps.length && cps[i] == '*') {
                    i++;
                    if (i < cps.length && cps[i] == '/') {
                        i++;
                    }
                    re.append(i == cps.length ? ".*" : "(?:.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (ch == '?') {
                re.append("[^/]");
            } else if (ch == '\\') {
                if (i == cps.length) {
                    throw bad(pattern, "trailing escape");
                }
                literal(re, cps[i++]);
            } else if (ch == '[') {
                i = charClass(pattern, cps, i, re);
            } else {
                literal(re, ch);
            }
        }
        return Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
    }

    /** Reads a class starting after its {@code [}; returns the index after its {@code ]}. */
    private static int charClass(String pattern, int[] cps, int start, StringBuilder re) {
        int i = start;
        StringBuilder cls = new StringBuilder("[");
        if (i < cps.length && cps[i] == '^') {
            cls.append('^');
            i++;
        }
        int count = 0;
        while (true) {
            if (i >= cps.length) {
                throw bad(pattern, "unterminated [");
            }
            if (cps[i] == ']' && count > 0) {
                i++;
                break;
            }
            int[] lo = classChar(pattern, cps, i);
            i = lo[1];
            int hi = lo[0];
            if (i < cps.length && cps[i] == '-') {
                int[] h = classChar(pattern, cps, i + 1);
                hi = h[0];
                i = h[1];
                if (hi < lo[0]) {
                    throw bad(pattern, "invalid range " + Character.toString(lo[0]) + "-" + Character.toString(hi));
                }
            }
            cls.append(String.format("\\x{%x}", lo[0]));
            if (hi != lo[0]) {
                cls.append('-').append(String.format("\\x{%x}", hi));
            }
            count++;
        }
        re.append(cls).append(']');
        return i;
    }

    /** One class character: {code point, next index}. */
    private static int[] classChar(String pattern, int[] cps, int i) {
        if (i >= cps.length || cps[i] == '-' || cps[i] == ']') {
            throw bad(pattern, "bad character class");
        }
        if (cps[i] == '\\') {
            i++;
            if (i >= cps.length) {
                throw bad(pattern, "trailing escape");
            }
        }
        return new int[] {cps[i], i + 1};
    }

    private static void literal(StringBuilder re, int cp) {
        if (Character.isLetterOrDigit(cp) || cp == '/' || cp == '_') {
            re.appendCodePoint(cp);
        } else {
            re.append(String.format("\\x{%x}", cp));
        }
    }

    private static IllegalArgumentException bad(String pattern, String why) {
        return new IllegalArgumentException("syntax error in pattern \"" + pattern + "\": " + why);
    }
}
