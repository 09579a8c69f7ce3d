package dev.hoist.build.output;

import dev.hoist.oci.HoistException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one option value into comma-separated fields as buildx does (Go's {@code encoding/csv}):
 * a field that starts with {@code "} runs to the next lone {@code "} and may hold commas, {@code ""}
 * inside it is one quote; a quote inside an unquoted field is an error, as in Go. So {@code
 * type=image,"name=a:1,b:1",push=true} has three fields.
 */
final class CsvFields {
  private CsvFields() {}

  /** The fields of {@code text}; {@code option} names the option in error messages. */
  static List<String> split(String text, String option) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < text.length() && text.charAt(i) == '"') {
        i = quoted(text, i + 1, field, option);
        if (i < text.length() && text.charAt(i) != ',') {
          throw new HoistException("invalid " + option + " " + text + ": text after the closing quote of a field");
        }
      } else {
        int end = text.indexOf(',', i);
        String plain = text.substring(i, end < 0 ? text.length() : end);
        if (plain.indexOf('"') >= 0) {
          throw new HoistException("invalid " + option + " " + text + ": a quote inside a field; quote the whole field, as in \"name=a,b\"");
        }
        field.append(plain);
        i = end < 0 ? text.length() : end;
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= text.length()) {
        return fields;
      }
      i++;
    }
  }

  /** Appends a quoted field's content starting after its opening quote; returns the index after the closing one. */
  private static int quoted(String text, int from, StringBuilder field, String option) {
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
    throw new HoistException("invalid " + option + " " + text + ": a quoted field has no closing quote");
  }
}
