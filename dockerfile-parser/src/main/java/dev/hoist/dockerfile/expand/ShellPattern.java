package dev.hoist.dockerfile.expand;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shell wildcard patterns of {@code ${VAR#pat}}, {@code ${VAR%pat}} and {@code ${VAR/pat/repl}}: {@code *}, {@code ?}, {@code \}. */
final class ShellPattern {

    private ShellPattern() {
    }

    static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = compile(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    static String trimSuffix(String pattern, String value, boolean greedy) {
        String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(reversed);
    }

    static String replace(String pattern, String value, String replacement, boolean all) {
        Matcher m = compile(pattern, true, false).matcher(value);
        if (all) {
            return m.replaceAll(Matcher.quoteReplacement(replacement));
        }
        return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
    }

    private static Pattern compile(String pattern, boolean greedy, boolean anchored) {
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            out.append('^');
        }
        int[] cps = pattern.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '*') {
                out.append(greedy ? ".*" : ".*?");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '\\') {
                int next = i + 1 < cps.length ? cps[i + 1] : -1;
                if (next == '}' || next == '/') {
                    continue;
                }
                if (next != '*' && next != '?' && next != '\\') {
                    throw new ExpansionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                            + (next < 0 ? "" : Character.toString(next)) + "'");
                }
                out.append('\\').appendCodePoint(next);
                i++;
            } else {
                appendLiteral(out, c);
            }
        }
        return Pattern.compile(out.toString());
    }

    private static void appendLiteral(StringBuilder out, int c) {
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            out.append('\\');
        }
        out.appendCodePoint(c);
    }

    /** Reverses a pattern while keeping each escape before the character it escapes. */
    private static String reversePattern(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int last = cps.length - 1;
        for (int i = 0; i <= last; ) {
            int outIdx = last - i;
            if (cps[i] == '\\' && i != last) {
                out[outIdx - 1] = cps[i];
                out[outIdx] = cps[i + 1];
                i += 2;
            } else {
                out[outIdx] = cps[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    private static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            b.appendCodePoint(cps[i]);
        }
        return b.toString();
    }
}
