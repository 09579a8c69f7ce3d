package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.text.Whitespace;

import java.util.ArrayList;
import java.util.List;

/** Takes the leading {@code --flag[=value]} words off an instruction's arguments; {@code --} ends the flags. */
final class FlagExtractor {

    /** The flags found and what follows them. */
    record Result(List<String> flags, String rest) {
    }

    private FlagExtractor() {
    }

    static Result extract(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        boolean blankOk = false;
        int n = line.length();
        for (int pos = 0; pos <= n; pos++) {
            char ch = pos < n ? line.charAt(pos) : 0;
            if (!inWord && !inQuote) {
                if (pos == n) {
                    break;
                }
                if (Whitespace.is(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
                    return new Result(words, line.substring(pos));
                }
                inWord = true;
            }
            if (pos == n) {
                String w = word.toString();
                if (!w.equals("--") && (blankOk || !w.isEmpty())) {
                    words.add(w);
                }
                break;
            }
            if (inWord) {
                if (Whitespace.is(ch)) {
                    inWord = false;
                    String w = word.toString();
                    if (w.equals("--")) {
                        return new Result(words, line.substring(pos));
                    }
                    if (blankOk || !w.isEmpty()) {
                        words.add(w);
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
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == n) {
                        continue;
                    }
                    pos++;
                    ch = line.charAt(pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                inQuote = false;
                inWord = true;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == n) {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                pos++;
                ch = line.charAt(pos);
            }
            word.append(ch);
        }
        return new Result(words, "");
    }
}
