package dev.hoist.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads hoist's records with Jackson's streaming parser, to the same values {@link Json}'s mapper
 * gives, so that reading an image (as every warm build does) never builds the mapper: its static
 * set-up and record introspection cost a short-lived process more than the reading. Each record's
 * {@code read(JsonReader)} names its fields; this class reads their values, coercing scalars as
 * the mapper does (a number where a string is expected is its text, {@code "2"} is a number, null
 * is 0 or false). Unknown fields are read as the mapper reads untyped values: maps, lists,
 * strings, the smallest of Integer, Long and BigInteger, Double, Boolean and null.
 *
 * <p>Each method reads the value at the parser's current token and leaves the parser on that
 * value's last token.
 */
final class JsonReader {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonParser parser;

  /** Reads one value at the current token. */
  @FunctionalInterface
  interface Value<T> {
    T read(JsonReader json) throws IOException;
  }

  private JsonReader(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * Reads {@code bytes}, a JSON object, with {@code root}; {@code what} names the source in the
   * error. Like the mapper, ignores whatever follows the object.
   */
  static <T> T read(byte[] bytes, String what, Value<T> root) {
    return document(bytes, what, json -> {
      if (json.parser.currentToken() != JsonToken.START_OBJECT) {
        throw json.mismatch("an object");
      }
      return root.read(json);
    });
  }

  /**
   * The fields of the object {@code bytes} holds, as {@link #untypedMap}; none if it holds another
   * value or nothing, as the mapper's tree has none. Ignores whatever follows the value.
   */
  static Map<String, Object> fields(byte[] bytes, String what) {
    return document(bytes, what, json -> {
      JsonToken token = json.parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        return json.untypedMap();
      }
      if (token != null) {
        json.untyped();
      }
      return Map.of();
    });
  }

  /** Reads {@code bytes} with {@code root}, the parser on the first token (null if there is none). */
  private static <T> T document(byte[] bytes, String what, Value<T> root) {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      parser.nextToken();
      return root.read(new JsonReader(parser));
    } catch (IOException e) {
      String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
      throw new HoistException("invalid JSON in " + what + ": " + message);
    }
  }

  /** Whether an object starts here; false for null, which the caller reads as absent. */
  boolean startObject() throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> true;
      case VALUE_NULL -> false;
      default -> throw mismatch("an object");
    };
  }

  /** The next field's name, with the parser on its value, or null at the end of the object. */
  String nextField() throws IOException {
    if (parser.nextToken() != JsonToken.FIELD_NAME) {
      return null;
    }
    String name = parser.currentName();
    parser.nextToken();
    return name;
  }

  /** Skips the value of a field the record does not keep. */
  void skip() throws IOException {
    parser.skipChildren();
  }

  /** Reads the value of a field the record does not know into {@code extra}; the first of duplicates is kept. */
  void unknown(String field, Map<String, Object> extra) throws IOException {
    Object value = untyped();
    if (!extra.containsKey(field)) {
      extra.put(field, value);
    }
  }

  /** A string; a number or boolean as its text. */
  String string() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
      case VALUE_NULL -> null;
      default -> throw mismatch("a string");
    };
  }

  /** An int; a fraction is cut off, a string parsed, null, the empty string and "null" are 0. */
  int intValue() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getIntValue();
      case VALUE_STRING -> (int) parseLong(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case VALUE_NULL -> 0;
      default -> throw mismatch("a number");
    };
  }

  /** A long; a fraction is cut off, a string parsed, null, the empty string and "null" are 0. */
  long longValue() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getLongValue();
      case VALUE_STRING -> parseLong(Long.MIN_VALUE, Long.MAX_VALUE);
      case VALUE_NULL -> 0;
      default -> throw mismatch("a number");
    };
  }

  private long parseLong(long min, long max) throws IOException {
    String text = parser.getText().trim();
    if (text.isEmpty() || text.equals("null")) {
      return 0;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      throw mismatch("a number");
    }
    throw error("number " + text + " out of range");
  }

  /**
   * A boolean; a whole number is true unless 0, the strings true and false as the mapper spells
   * them, null, the empty string and "null" false.
   */
  boolean booleanValue() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
          ? parser.getIntValue() != 0 : !parser.getText().equals("0");
      case VALUE_STRING -> switch (parser.getText().trim()) {
        case "true", "True", "TRUE" -> true;
        case "false", "False", "FALSE", "", "null" -> false;
        default -> throw mismatch("a boolean");
      };
      default -> throw mismatch("a boolean");
    };
  }

  /** A digest string, parsed. */
  Digest digest() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_STRING -> {
        try {
          yield Digest.parse(parser.getText());
        } catch (HoistException e) {
          throw error(e.getMessage());
        }
      }
      case VALUE_NULL -> null;
      default -> throw mismatch("a digest");
    };
  }

  /** A list, or null for null; the records hold no null elements, so a null element is an error. */
  <E> List<E> list(Value<E> element) throws IOException {
    switch (parser.currentToken()) {
      case START_ARRAY -> {
        List<E> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          E value = element.read(this);
          if (value == null) {
            throw error("null in a list");
          }
          list.add(value);
        }
        return list;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw mismatch("an array");
    }
  }

  /** A map, or null for null; values may be null, and the last of duplicate keys is kept. */
  <V> Map<String, V> map(Value<V> value) throws IOException {
    if (!startObject()) {
      return null;
    }
    Map<String, V> map = new LinkedHashMap<>();
    for (String field = nextField(); field != null; field = nextField()) {
      map.put(field, value.read(this));
    }
    return map;
  }

  /** Annotations: a map of strings, or null for null; the records hold no null annotation. */
  Map<String, String> annotations() throws IOException {
    Map<String, String> map = map(JsonReader::string);
    if (map != null && map.containsValue(null)) {
      throw error("null annotation value");
    }
    return map;
  }

  /** An object of untyped values, or null for null. */
  Map<String, Object> untypedMap() throws IOException {
    return map(JsonReader::untyped);
  }

  /** Any value, as the mapper reads one into an {@code Object}. */
  Object untyped() throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> untypedMap();
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(untyped());
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw mismatch("a value");
    };
  }

  /** An error at the current token, saying where it is in the document. */
  JsonParseException error(String message) {
    return new JsonParseException(parser, message + at());
  }

  private JsonParseException mismatch(String expected) {
    return error("expected " + expected + ", got " + describe(parser.currentToken()));
  }

  private String at() {
    String path = parser.getParsingContext().pathAsPointer().toString();
    return path.isEmpty() ? "" : " at " + path;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }
}
