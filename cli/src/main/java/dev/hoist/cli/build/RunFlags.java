package dev.hoist.cli.build;

import dev.hoist.build.step.run.RunSettings;
import dev.hoist.cli.UsageException;
import dev.hoist.oci.HoistException;
import dev.hoist.runtime.NetworkMode;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The RUN flags of {@code hoist build} ({@code --secret --ssh --allow --network --runtime}) as {@link RunSettings}. */
record RunFlags(List<String> secrets, List<String> ssh, List<String> allow, String network, String runtime) {

  RunSettings settings() {
    boolean insecure = false;
    for (String a : allow) {
      for (String e : a.split(",")) {
        if (e.trim().equals("security.insecure")) {
          insecure = true;
        } else if (!e.isBlank()) {
          throw new UsageException("--allow takes security.insecure, not " + e.trim());
        }
      }
    }
    NetworkMode mode;
    try {
      mode = NetworkMode.parse(network);
    } catch (HoistException e) {
      throw new UsageException("--network must be default, host or none, not " + network);
    }
    return new RunSettings(Secrets.fromFlags(secrets), sshSockets(), insecure, mode, Optional.ofNullable(runtime));
  }

  /** {@code default} (or {@code ID}) is {@code $SSH_AUTH_SOCK}; {@code ID=PATH} names a socket. */
  private Map<String, Path> sshSockets() {
    Map<String, Path> out = new TreeMap<>();
    Map<String, Path> agent = MountContext.sshFromEnvironment();
    for (String s : ssh) {
      int eq = s.indexOf('=');
      if (eq > 0) {
        out.put(s.substring(0, eq), Path.of(s.substring(eq + 1)));
      } else if (agent.containsKey("default")) {
        out.put(s, agent.get("default"));
      } else {
        throw new UsageException("--ssh " + s + " needs SSH_AUTH_SOCK set, or give ID=SOCKET");
      }
    }
    return out;
  }
}
