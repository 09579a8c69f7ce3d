package dev.hoist.runtime.mount;

import dev.hoist.oci.HoistException;
import java.nio.file.Path;

/** Where a secret's value comes from: a host file or an environment variable of hoist. */
public sealed interface SecretSource {
  record FromFile(Path file) implements SecretSource {}

  record FromEnv(String variable) implements SecretSource {}

  /**
   * Parses a {@code --secret} value: {@code id=x,src=FILE} (or {@code source=}), {@code
   * id=x,env=VAR}, or {@code id=x} alone (an env variable named like the id). Returns the id and
   * source.
   */
  static Named parse(String flag) {
    String id = "";
    SecretSource source = null;
    for (String part : flag.split(",")) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
      String value = eq < 0 ? "" : part.substring(eq + 1).trim();
      switch (key) {
        case "id" -> id = value;
        case "src", "source" -> source = new FromFile(Path.of(value));
        case "env" -> source = new FromEnv(value);
        case "type" -> {
          if (!value.equals("file") && !value.equals("env")) {
            throw new HoistException("invalid --secret " + flag + ": type must be file or env");
          }
        }
        default -> throw new HoistException("invalid --secret " + flag + ": unknown key " + key);
      }
    }
    if (id.isEmpty()) {
      throw new HoistException("invalid --secret " + flag + ": id is required");
    }
    return new Named(id, source == null ? new FromEnv(id) : source);
  }

  /** A secret source with its id. */
  record Named(String id, SecretSource source) {}
}
