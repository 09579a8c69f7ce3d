package dev.hoist.runtime.mount;

import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The secrets a build was given ({@code --secret}), by id. Values are read only when a RUN mounts
 * them, and are never part of a message.
 */
public final class Secrets {
  private final Map<String, SecretSource> sources;
  private final Function<String, String> environment;

  public Secrets(Map<String, SecretSource> sources, Function<String, String> environment) {
    this.sources = new TreeMap<>(sources);
    this.environment = environment;
  }

  public static Secrets none() {
    return new Secrets(Map.of(), k -> null);
  }

  /** From {@code --secret} flags, with env secrets read from this process' environment. */
  public static Secrets fromFlags(List<String> flags) {
    Map<String, SecretSource> m = new TreeMap<>();
    for (String f : flags) {
      SecretSource.Named n = SecretSource.parse(f);
      m.put(n.id(), n.source());
    }
    return new Secrets(m, System::getenv);
  }

  public boolean has(String id) {
    return sources.containsKey(id);
  }

  /** The secret's bytes, or empty when no secret of that id was given or its variable is unset. */
  Optional<byte[]> value(String id) {
    SecretSource s = sources.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (s instanceof SecretSource.FromFile f) {
      try {
        return Optional.of(Files.readAllBytes(f.file()));
      } catch (IOException e) {
        throw new HoistException("cannot read secret " + id + " from " + f.file() + ": " + e.getClass().getSimpleName());
      }
    }
    String v = environment.apply(((SecretSource.FromEnv) s).variable());
    return v == null ? Optional.empty() : Optional.of(v.getBytes(StandardCharsets.UTF_8));
  }
}
