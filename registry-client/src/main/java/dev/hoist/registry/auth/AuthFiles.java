package dev.hoist.registry.auth;

import dev.hoist.registry.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where credentials live, in the order they are read: {@code $REGISTRY_AUTH_FILE}, then
 * {@code $XDG_RUNTIME_DIR/containers/auth.json}, then Docker's {@code config.json} in
 * {@code $DOCKER_CONFIG} (default {@code ~/.docker}).
 */
public final class AuthFiles {
  private AuthFiles() {}

  /** Docker's config file: {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}. */
  public static Path dockerConfig(Environment env) {
    return env.get("DOCKER_CONFIG").map(Path::of).orElse(env.home().resolve(".docker")).resolve("config.json");
  }

  /** Every file that may hold credentials, first match wins. */
  public static List<Path> searchOrder(Environment env) {
    List<Path> files = new ArrayList<>();
    env.get("REGISTRY_AUTH_FILE").map(Path::of).ifPresent(files::add);
    env.get("XDG_RUNTIME_DIR").map(d -> Path.of(d, "containers", "auth.json")).ifPresent(files::add);
    files.add(dockerConfig(env));
    return files;
  }
}
