package dev.hoist.dockerfile.text;

/** Whitespace as Go's {@code unicode.IsSpace} defines it, which BuildKit's splitting rules rely on. */
public final class Whitespace {

    private Whitespace() {
    }

    /** Whether the code point is white space in Go's sense. */
    public static boolean is(int cp) {
        if (cp <= 0xFF) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
        }
        return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Removes leading white space. */
    public static String trimLeading(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!is(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    /** Removes leading and trailing white space. */
    public static String trim(String s) {
        String left = trimLeading(s);
        int end = left.length();
        while (end > 0) {
            int cp = left.codePointBefore(end);
            if (!is(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return left.substring(0, end);
    }

    /** Whether the character is one of Go's regexp class {@code [\t\v\f\r ]}, the separator of Dockerfile words. */
    public static boolean isWordSeparator(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }
}
