package dev.hoist.dockerfile.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one option value into comma-separated fields as Go's {@code encoding/csv} reads a record, which is how
 * BuildKit reads {@code RUN --mount} and buildx reads {@code --output}, {@code --cache-to} and {@code --cache-from}.
 * A field that starts with {@code "} runs to the next lone {@code "} and may hold commas, so {@code
 * type=image,"name=a:1,b:1",push=true} has three fields; {@code ""} inside it is one quote. A quote inside an unquoted
 * field, text after a closing quote and a missing closing quote are errors, as in Go. Empty fields are kept, as in Go
 * ({@code a,,b} has three); what they mean is the caller's to decide.
 */
public final class CsvFields {

    private CsvFields() {
    }

    /**
     * The fields of {@code text}, in order.
     *
     * @throws IllegalArgumentException with a one-line reason when a quote is misplaced or not closed
     */
    public static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < text.length() && text.charAt(i) == '"') {
                i = quoted(text, i + 1, field);
                if (i < text.length() && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after the closing quote of a field");
                }
            } else {
                int end = text.indexOf(',', i);
                String plain = text.substring(i, end < 0 ? text.length() : end);
                if (plain.indexOf('"') >= 0) {
                    throw new IllegalArgumentException(
                            "a quote inside a field; quote the whole field, as in \"key=a,b\"");
                }
                field.append(plain);
                i = end < 0 ? text.length() : end;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= text.length()) {
                return List.copyOf(fields);
            }
            i++;
        }
    }

    /** Appends a quoted field's content starting after its opening quote; returns the index after the closing one. */
    private static int quoted(String text, int from, StringBuilder field) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '"') {
                field.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("a quoted field has no closing quote");
    }
}
