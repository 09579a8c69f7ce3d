package dev.hoist.registry.auth;

import dev.hoist.registry.Environment;
import java.nio.file.Path;
import java.util.List;

/**
 * Where credentials live, in the order containers-auth.json(5) reads them, as skopeo and podman
 * do: the primary file ({@code $REGISTRY_AUTH_FILE} when set, else
 * {@code $XDG_RUNTIME_DIR/containers/auth.json}, else {@code /run/containers/$UID/auth.json}),
 * then {@code $XDG_CONFIG_HOME/containers/auth.json} (default {@code ~/.config}), then Docker's
 * {@code config.json} last.
 */
public final class AuthFiles {
  private AuthFiles() {}

  /** Docker's config file: {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}. */
  public static Path dockerConfig(Environment env) {
    return env.get("DOCKER_CONFIG").map(Path::of).orElse(env.home().resolve(".docker")).resolve("config.json");
  }

  /** Every file that may hold credentials, first match wins. */
  public static List<Path> searchOrder(Environment env) {
    return List.of(primary(env), configHome(env).resolve("containers").resolve("auth.json"), dockerConfig(env));
  }

  // The explicit override takes the primary file's place, as the man page says; the rest still follow.
  private static Path primary(Environment env) {
    return env.get("REGISTRY_AUTH_FILE").map(Path::of)
        .or(() -> env.get("XDG_RUNTIME_DIR").map(d -> Path.of(d, "containers", "auth.json")))
        .orElse(Path.of("/run/containers", Long.toString(env.uid()), "auth.json"));
  }

  private static Path configHome(Environment env) {
    return env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
  }
}
