package dev.hoist.build.cache;

import dev.hoist.dockerfile.text.CsvFields;
import dev.hoist.oci.HoistException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --cache-to} or {@code --cache-from} value as buildx spells it: {@code
 * type=registry,ref=REPO:TAG[,mode=min|max]}, {@code type=local,dest=DIR} (export) or {@code
 * type=local,src=DIR} (import), or a bare {@code REPO:TAG}, which means {@code type=registry}. Fields are
 * CSV as buildx reads them ({@link CsvFields}): a value holding a comma is quoted with its key, {@code "dest=/a,b"}.
 */
public record CacheSpec(Type type, String location, Mode mode) {
  /** Where a cache lives. */
  public enum Type {
    REGISTRY,
    LOCAL
  }

  /**
   * Which steps an export keeps: {@code MIN} (buildx's default) the steps whose result is an ancestor
   * of a built image, {@code MAX} every step of every stage the build ran.
   */
  public enum Mode {
    MIN,
    MAX
  }

  public static CacheSpec parseTo(String text) {
    return parse(text, "--cache-to", "dest");
  }

  public static CacheSpec parseFrom(String text) {
    return parse(text, "--cache-from", "src");
  }

  public Path directory() {
    return Path.of(location);
  }

  private static CacheSpec parse(String text, String option, String localKey) {
    if (!text.contains("=")) {
      if (text.isBlank()) {
        throw new HoistException("invalid " + option + ": empty value");
      }
      return new CacheSpec(Type.REGISTRY, text.trim(), Mode.MIN);
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String part : fields(text, option)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new HoistException("invalid " + option + " " + text + ": \"" + part + "\" is not key=value");
      }
      attrs.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
    }
    String type = attrs.getOrDefault("type", "registry");
    Mode mode = switch (attrs.getOrDefault("mode", "min")) {
      case "min" -> Mode.MIN;
      case "max" -> Mode.MAX;
      default -> throw new HoistException("invalid " + option + " " + text + ": mode must be min or max");
    };
    return switch (type) {
      case "registry" -> new CacheSpec(Type.REGISTRY, required(attrs, "ref", option, text), mode);
      case "local" -> new CacheSpec(Type.LOCAL, required(attrs, localKey, option, text), mode);
      default -> throw new HoistException("invalid " + option + " " + text + ": unsupported type " + type
          + " (hoist supports type=registry and type=local)");
    };
  }

  private static List<String> fields(String text, String option) {
    try {
      return CsvFields.split(text);
    } catch (IllegalArgumentException e) {
      throw new HoistException("invalid " + option + " " + text + ": " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> attrs, String key, String option, String text) {
    String value = attrs.get(key);
    if (value == null || value.isEmpty()) {
      throw new HoistException("invalid " + option + " " + text + ": " + key + "= is required");
    }
    return value;
  }
}
