package dev.hoist.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.core.io.NumberInput;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapper of hoist. Written JSON is compact, with map keys sorted, so the same value
 * always gives the same bytes (and the same digest). Reading tolerates unknown fields; types that
 * must round-trip keep them. Image indexes, manifests and configs are read without this mapper,
 * by {@code JsonReader}, to the same values; so are the small documents {@link #readObject} reads.
 */
public final class Json {
  /** Holds the mapper, built when first used: {@link #readObject} and {@link #text} need none. */
  private static final class Holder {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .build();
  }

  private Json() {}

  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  /**
   * The fields of the object {@code bytes} holds, read without the mapper to the values it reads
   * into an {@code Object}: maps, lists, strings, Integer, Long, BigInteger, Double, Boolean and
   * null. Like the mapper's tree, a document holding another value or nothing has no fields.
   *
   * @param what names the source in the error
   * @throws HoistException {@code invalid JSON in <what>: ...} on one line, if the JSON is malformed
   */
  public static Map<String, Object> readObject(byte[] bytes, String what) {
    return JsonReader.fields(bytes, what);
  }

  /**
   * The text of a value {@link #readObject} gives, as the mapper's tree gives it: a number or
   * boolean as its text, an object or array empty, and {@code absent} for null or no value.
   */
  public static String text(Object value, String absent) {
    if (value == null) {
      return absent;
    }
    return value instanceof Map || value instanceof List ? "" : value.toString();
  }

  /**
   * A whole number from a value {@link #readObject} gives, as the mapper's tree reads one: a
   * number cut to a whole one, a numeric string parsed, true 1 and false 0, else {@code absent}.
   */
  public static long number(Object value, long absent) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return value instanceof String s ? NumberInput.parseAsLong(s, absent) : absent;
  }

  /** The canonical bytes of {@code value}. */
  public static byte[] write(Object value) {
    try {
      return Holder.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static String writeString(Object value) {
    try {
      return Holder.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static String writePretty(Object value) {
    try {
      return Holder.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
