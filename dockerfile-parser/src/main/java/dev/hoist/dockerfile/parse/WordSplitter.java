package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.text.Whitespace;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an argument string on white space while keeping quotes and escapes in the words, as BuildKit does for
 * ENV, LABEL and ARG arguments ({@code a="b c" d} gives {@code a="b c"} and {@code d}).
 */
public final class WordSplitter {

    private WordSplitter() {
    }

    /** The words of {@code rest}, with {@code escape} as the escape character. */
    public static List<String> split(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        int quote = 0;
        boolean blankOk = false;
        int[] cps = rest.codePoints().toArray();
        for (int pos = 0; pos <= cps.length; pos++) {
            boolean end = pos == cps.length;
            int ch = end ? 0 : cps[pos];
            if (!inWord && !inQuote) {
                if (end) {
                    break;
                }
                if (Whitespace.is(ch)) {
                    continue;
                }
                inWord = true;
            }
            if (end) {
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                break;
            }
            if (inWord) {
                if (Whitespace.is(ch)) {
                    inWord = false;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                }
                if (ch == escape) {
                    if (pos + 1 == cps.length) {
                        continue;
                    }
                    word.appendCodePoint(ch);
                    pos++;
                    ch = cps[pos];
                }
                word.appendCodePoint(ch);
                continue;
            }
            if (ch == quote) {
                inQuote = false;
                inWord = true;
            }
            if (ch == escape && quote != '\'') {
                if (pos + 1 == cps.length) {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                pos++;
                word.appendCodePoint(ch);
                ch = cps[pos];
            }
            word.appendCodePoint(ch);
        }
        return words;
    }

    /** Splits on runs of space, tab, vertical tab, form feed and carriage return (Go's {@code [\t\v\f\r ]+}). */
    public static List<String> splitOnBlanks(String rest) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = rest.length();
        int start = 0;
        while (i < n) {
            if (Whitespace.isWordSeparator(rest.charAt(i))) {
                out.add(rest.substring(start, i));
                while (i < n && Whitespace.isWordSeparator(rest.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        out.add(rest.substring(start));
        return out;
    }

    /** Splits into at most two parts at the first run of blanks. */
    public static String[] splitOnceOnBlanks(String rest) {
        int i = 0;
        int n = rest.length();
        while (i < n && !Whitespace.isWordSeparator(rest.charAt(i))) {
            i++;
        }
        if (i == n) {
            return new String[] {rest};
        }
        int j = i;
        while (j < n && Whitespace.isWordSeparator(rest.charAt(j))) {
            j++;
        }
        return new String[] {rest.substring(0, i), rest.substring(j)};
    }
}
