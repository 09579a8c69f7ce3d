package dev.hoist.dockerfile.expand;

import dev.hoist.dockerfile.text.GoQuote;
import dev.hoist.dockerfile.text.Whitespace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shell-word processing with BuildKit's semantics: quotes, escapes and {@code $VAR} / {@code ${VAR...}} expansion
 * ({@code :-  -  :+  +  :?  ?  #  ##  %  %%  /  //}), with optional field splitting.
 *
 * <p>Instances are immutable and safe to share; every call keeps its own state.
 */
public final class ShellLexer {

    /**
     * Switches that change how text is processed.
     *
     * @param rawQuotes keep quote characters in the output
     * @param rawEscapes keep escape characters in the output
     * @param skipUnsetEnv leave references to unset variables as they were written
     * @param skipProcessQuotes treat quotes as ordinary characters (used for heredoc bodies)
     */
    public record Options(boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv, boolean skipProcessQuotes) {
        /** Normal processing: quotes and escapes removed, unset variables expand to nothing. */
        public static final Options DEFAULT = new Options(false, false, false, false);
        /** For heredoc bodies: quotes are text, variables and escapes are processed. */
        public static final Options HEREDOC = new Options(false, false, false, true);
    }

    private static final int EOF = -1;

    private final int escape;
    private final Options options;

    /** A lexer with the given escape character ({@code \} or {@code `}) and default options. */
    public ShellLexer(char escape) {
        this(escape, Options.DEFAULT);
    }

    public ShellLexer(char escape, Options options) {
        this.escape = escape;
        this.options = options;
    }

    /**
     * Processes {@code word} against {@code env}.
     *
     * @throws ExpansionException when the word is malformed or a {@code ${VAR?msg}} check fails
     */
    public Expansion process(String word, EnvLookup env) {
        Scan scan = new Scan(word, env);
        try {
            Words words = new Words();
            String value = scan.processStopOn(EOF, options.rawEscapes(), words);
            return new Expansion(value, words.finish(), scan.matched, scan.unmatched);
        } catch (ExpansionException e) {
            throw new ExpansionException("failed to process " + GoQuote.quote(word) + ": " + e.getMessage());
        }
    }

    /** Collects whitespace-separated fields while the text is produced. */
    private static final class Words {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addChar(int cp) {
            boolean space = Whitespace.is(cp);
            if (space && inWord) {
                if (word.length() != 0) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (!space) {
                addRawChar(cp);
            }
        }

        void addRawChar(int cp) {
            word.appendCodePoint(cp);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> finish() {
            if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
            return words;
        }
    }

    private final class Scan {
        private final int[] cps;
        private final EnvLookup env;
        private final Set<String> matched = new LinkedHashSet<>();
        private final Set<String> unmatched = new LinkedHashSet<>();
        private int pos;
        private boolean rawEscapes;

        Scan(String word, EnvLookup env) {
            this.cps = word.codePoints().toArray();
            this.env = env;
            this.rawEscapes = options.rawEscapes();
        }

        int peek() {
            return pos < cps.length ? cps[pos] : EOF;
        }

        int next() {
            return pos < cps.length ? cps[pos++] : EOF;
        }

        String processStopOn(int stop, boolean raw, Words words) {
            boolean saved = rawEscapes;
            rawEscapes = raw;
            try {
                StringBuilder result = new StringBuilder();
                while (peek() != EOF) {
                    int ch = peek();
                    if (stop != EOF && ch == stop) {
                        next();
                        return result.toString();
                    }
                    if (ch == '$' || (!options.skipProcessQuotes() && (ch == '\'' || ch == '"'))) {
                        String tmp = ch == '$' ? processDollar() : ch == '\'' ? singleQuote() : doubleQuote();
                        result.append(tmp);
                        if (ch == '$') {
                            words.addString(tmp);
                        } else {
                            words.addRawString(tmp);
                        }
                        continue;
                    }
                    ch = next();
                    if (ch == escape) {
                        if (rawEscapes) {
                            words.addRawChar(ch);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break;
                        }
                        words.addRawChar(ch);
                    } else {
                        words.addChar(ch);
                    }
                    result.appendCodePoint(ch);
                }
                if (stop != EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching "
                            + Character.toString(stop));
                }
                return result.toString();
            } finally {
                rawEscapes = saved;
            }
        }

        private String singleQuote() {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (options.rawQuotes()) {
                result.appendCodePoint(ch);
            }
            while (true) {
                ch = next();
                if (ch == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (options.rawQuotes()) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        private String doubleQuote() {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (options.rawQuotes()) {
                result.appendCodePoint(ch);
            }
            while (true) {
                int p = peek();
                if (p == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
                }
                if (p == '"') {
                    next();
                    if (options.rawQuotes()) {
                        result.append('"');
                    }
                    return result.toString();
                }
                if (p == '$') {
                    result.append(processDollar());
                    continue;
                }
                ch = next();
                if (ch == escape) {
                    if (rawEscapes) {
                        result.appendCodePoint(ch);
                    }
                    int after = peek();
                    if (after == EOF) {
                        continue;
                    }
                    if (after == '"' || after == '$' || after == escape) {
                        ch = next();
                    }
                }
                result.appendCodePoint(ch);
            }
        }

        private String processDollar() {
            next();
            if (peek() != '{') {
                String name = processName();
                if (name.isEmpty()) {
                    return "$";
                }
                Optional<String> value = getEnv(name);
                if (value.isEmpty() && options.skipUnsetEnv()) {
                    return "$" + name;
                }
                return value.orElse("");
            }
            next();
            int p = peek();
            if (p == EOF) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            if (p == '{' || p == '}' || p == ':') {
                throw new ExpansionException("syntax error: bad substitution");
            }
            String name = processName();
            int ch = next();
            StringBuilder modifier = new StringBuilder();
            if (ch != EOF) {
                modifier.appendCodePoint(ch);
            }
            switch (ch) {
                case '}': {
                    Optional<String> value = getEnv(name);
                    if (value.isEmpty() && options.skipUnsetEnv()) {
                        return "${" + name + "}";
                    }
                    return value.orElse("");
                }
                case ':':
                case '+':
                case '-':
                case '?':
                case '#':
                case '%':
                    return modifierExpansion(name, ch, modifier);
                case '/':
                    return replacement(name);
                case EOF:
                    throw new ExpansionException("syntax error: missing '}'");
                default:
                    throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
        }

        private String modifierExpansion(String name, int first, StringBuilder modifier) {
            int ch = first;
            boolean nullIsUnset = false;
            if (ch == ':') {
                nullIsUnset = true;
                ch = next();
                if (ch != EOF) {
                    modifier.appendCodePoint(ch);
                }
                if (ch != '-' && ch != '+' && ch != '?') {
                    throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
                }
            }
            boolean raw = ch == '#' || ch == '%';
            String word = wordUntil('}', raw, "missing '}'");
            Optional<String> found = getEnv(name);
            if (found.isEmpty() && options.skipUnsetEnv()) {
                return "${" + name + modifier + word + "}";
            }
            String value = found.orElse("");
            boolean unset = found.isEmpty() || (nullIsUnset && value.isEmpty());
            switch (ch) {
                case '-':
                    return unset ? word : value;
                case '+':
                    return unset ? "" : word;
                case '?':
                    if (found.isEmpty()) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (nullIsUnset && value.isEmpty()) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    return value;
                default:
                    boolean greedy = !word.isEmpty() && word.codePointAt(0) == ch;
                    String pattern = greedy ? word.substring(1) : word;
                    return ch == '%'
                            ? ShellPattern.trimSuffix(pattern, value, greedy)
                            : ShellPattern.trimPrefix(pattern, value, greedy);
            }
        }

        /** The word up to {@code stop}; running out of input first is a syntax error saying {@code missing}. */
        private String wordUntil(int stop, boolean raw, String missing) {
            try {
                return processStopOn(stop, raw, new Words());
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw new ExpansionException("syntax error: " + missing);
                }
                throw e;
            }
        }

        private String replacement(String name) {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pattern = wordUntil('/', true, "missing '/' in ${}");
            String replacement = wordUntil('}', true, "missing '}'");
            Optional<String> found = getEnv(name);
            if (found.isEmpty() && options.skipUnsetEnv()) {
                return "${" + name + "/" + pattern + "/" + replacement + "}";
            }
            return ShellPattern.replace(pattern, found.orElse(""), replacement, all);
        }

        private String processName() {
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.length() == 0 && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.length() == 0 && isSpecialParam(ch)) {
                    return Character.toString(next());
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }

        private Optional<String> getEnv(String name) {
            Optional<String> value = env.lookup(name);
            if (value.isPresent()) {
                matched.add(name);
            } else {
                unmatched.add(name);
            }
            return value;
        }
    }

    private static boolean isSpecialParam(int ch) {
        return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';
    }
}
