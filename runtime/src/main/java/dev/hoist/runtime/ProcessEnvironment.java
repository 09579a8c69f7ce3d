package dev.hoist.runtime;

import dev.hoist.oci.ContainerConfig;
import dev.hoist.runtime.user.ResolvedUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a container process: the image's, then {@code PATH} and {@code HOME} where
 * it lacks them (Docker's default path, the user's home; {@code TERM=xterm} on a terminal, as
 * Docker sets it), then the mounts' variables (secret env,
 * {@code SSH_AUTH_SOCK}) over everything.
 */
final class ProcessEnvironment {
  private ProcessEnvironment() {}

  static List<String> of(List<String> image, List<String> mounts, ResolvedUser user, boolean terminal) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : image) {
      int eq = kv.indexOf('=');
      env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    env.putIfAbsent("PATH", ContainerConfig.DEFAULT_PATH);
    env.putIfAbsent("HOME", user.home());
    if (terminal) {
      env.putIfAbsent("TERM", "xterm");
    }
    for (String kv : mounts) {
      int eq = kv.indexOf('=');
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }
}
