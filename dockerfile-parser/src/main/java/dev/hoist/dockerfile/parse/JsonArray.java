package dev.hoist.dockerfile.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON (exec) form of an instruction, {@code ["a", "b"]}, the way Go's {@code encoding/json} would.
 * Text that is not JSON gives empty (the caller falls back to shell form); JSON that is not an array of strings is
 * an error.
 */
public final class JsonArray {

    /** The error BuildKit reports for {@code ["a", 1]} and similar. */
    public static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

    /** Stands for JSON {@code null}, which is not a string. */
    private static final Object NULL = new Object();

    private final String text;
    private int pos;

    private JsonArray(String text) {
        this.text = text;
    }

    /**
     * The strings of a JSON array, or empty when {@code text} is not valid JSON starting with {@code [}.
     *
     * @throws IllegalArgumentException when the text is a JSON array holding something other than strings
     */
    public static Optional<List<String>> parse(String text) {
        String rest = dev.hoist.dockerfile.text.Whitespace.trimLeading(text);
        if (!rest.startsWith("[")) {
            return Optional.empty();
        }
        JsonArray p = new JsonArray(rest);
        List<Object> values;
        try {
            Object v = p.value();
            p.skipSpace();
            if (p.pos != rest.length() || !(v instanceof List)) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) v;
            values = list;
        } catch (Malformed e) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(values.size());
        for (Object o : values) {
            if (!(o instanceof String)) {
                throw new IllegalArgumentException(NOT_STRING_ARRAY);
            }
            out.add((String) o);
        }
        return Optional.of(out);
    }

    /** Any complete JSON document: maps, lists, strings, doubles and booleans; empty when not valid JSON. */
    static Optional<Object> parseDocument(String text) {
        JsonArray p = new JsonArray(text);
        try {
            Object v = p.value();
            p.skipSpace();
            return p.pos == text.length() ? Optional.of(v) : Optional.empty();
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object value() throws Malformed {
        skipSpace();
        if (pos >= text.length()) {
            throw new Malformed();
        }
        char c = text.charAt(pos);
        switch (c) {
            case '[':
                return array();
            case '{':
                return object();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                return number();
        }
    }

    private List<Object> array() throws Malformed {
        pos++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw new Malformed();
            }
        }
    }

    private Map<String, Object> object() throws Malformed {
        pos++;
        skipSpace();
        Map<String, Object> out = new LinkedHashMap<>();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw new Malformed();
            }
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw new Malformed();
            }
            pos++;
            out.put(key, value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new Malformed();
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private Object literal(String word, Object value) throws Malformed {
        if (!text.startsWith(word, pos)) {
            throw new Malformed();
        }
        pos += word.length();
        return value;
    }

    private Object number() throws Malformed {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        } else {
            throw new Malformed();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        return Double.valueOf(text.substring(start, pos));
    }

    private void digits() throws Malformed {
        if (!(peek() >= '0' && peek() <= '9')) {
            throw new Malformed();
        }
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private String string() throws Malformed {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new Malformed();
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new Malformed();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new Malformed();
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw new Malformed();
            }
        }
    }

    private char unicodeEscape() throws Malformed {
        if (pos + 4 > text.length()) {
            throw new Malformed();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw new Malformed();
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }
}
