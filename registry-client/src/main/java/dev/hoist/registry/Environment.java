package dev.hoist.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment, home folder and user id hoist reads its registry settings from:
 * credentials files, CA folders, proxies. Tests pass their own instead of the real one.
 */
public record Environment(Map<String, String> variables, Path home, long uid) {
  public Environment {
    variables = Map.copyOf(variables);
  }

  /** This process's user id with the given variables and home. */
  public Environment(Map<String, String> variables, Path home) {
    this(variables, home, processUid());
  }

  /** The environment of this process; the home folder is {@code $HOME}, else {@code user.home}. */
  public static Environment system() {
    String home = System.getenv("HOME");
    return new Environment(System.getenv(),
        Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home));
  }

  /** A variable's value, empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = variables.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** The same home and user with one variable set. */
  public Environment with(String name, String value) {
    var copy = new java.util.HashMap<>(variables);
    copy.put(name, value);
    return new Environment(copy, home, uid);
  }

  // /proc/self belongs to the process's user: no native call and no jdk.security.auth module needed.
  private static long processUid() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }
}
