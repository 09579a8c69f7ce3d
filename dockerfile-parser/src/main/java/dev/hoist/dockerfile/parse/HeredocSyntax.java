package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.expand.ExpansionException;
import dev.hoist.dockerfile.expand.ShellLexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises heredoc markers such as {@code <<EOF}, {@code <<-'EOF'} and {@code 3<<EOF}. */
public final class HeredocSyntax {

    private static final Pattern MARKER = Pattern.compile("(\\d*)<<(-?)([^<]*)");
    private static final Pattern BARE_MARKER = Pattern.compile("\\d*<<-?");
    private static final ShellLexer LINE_LEXER = new ShellLexer('\\', new ShellLexer.Options(true, true, true, false));
    private static final ShellLexer NAME_LEXER = new ShellLexer('\\', new ShellLexer.Options(false, false, true, false));
    private static final ShellLexer RAW_NAME_LEXER = new ShellLexer('\\', new ShellLexer.Options(true, false, true, false));

    private HeredocSyntax() {
    }

    /**
     * Parses one word as a heredoc marker. Empty when the word is not a marker.
     *
     * @throws IllegalArgumentException when the word is a marker with an unterminated quote
     */
    public static Optional<Heredoc> parseMarker(String word) {
        Matcher m = MARKER.matcher(word);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(3);
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        int fd = parseDescriptor(m.group(1));
        boolean chomp = "-".equals(m.group(2));
        List<String> words;
        List<String> raw;
        try {
            words = NAME_LEXER.process(rest, EnvLookup.empty()).words();
            if (words.size() != 1) {
                return Optional.empty();
            }
            raw = RAW_NAME_LEXER.process(rest, EnvLookup.empty()).words();
        } catch (ExpansionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (raw.size() != 1) {
            return Optional.empty();
        }
        boolean expand = quoteCount(words.get(0)) == quoteCount(raw.get(0));
        return Optional.of(new Heredoc(words.get(0), "", expand, chomp, fd));
    }

    /** The heredocs whose markers appear on an instruction line, in order. */
    public static List<Heredoc> fromLine(String line) {
        List<String> words;
        try {
            words = LINE_LEXER.process(line, EnvLookup.empty()).words();
        } catch (ExpansionException e) {
            return List.of();
        }
        List<Heredoc> docs = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (BARE_MARKER.matcher(word).matches() && i + 1 < words.size()) {
                word = word + " " + words.get(++i);
            }
            parseMarker(word).ifPresent(docs::add);
        }
        return docs;
    }

    private static int parseDescriptor(String digits) {
        if (digits.isEmpty() || digits.length() > 9) {
            return 0;
        }
        return Integer.parseInt(digits);
    }

    private static int quoteCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                n++;
            }
        }
        return n;
    }
}
