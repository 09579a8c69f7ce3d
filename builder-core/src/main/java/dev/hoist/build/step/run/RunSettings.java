package dev.hoist.build.step.run;

import dev.hoist.runtime.NetworkMode;
import dev.hoist.runtime.mount.Secrets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How a build runs its RUN steps: the secrets it was given ({@code --secret}), the SSH agent
 * sockets it may forward ({@code --ssh}), whether {@code RUN --security=insecure} is allowed
 * ({@code --allow security.insecure}), the network of a RUN that names none ({@code --network}),
 * and the OCI runtime to use ({@code --runtime}; empty: the best found).
 */
public record RunSettings(Secrets secrets, Map<String, Path> sshSockets, boolean allowInsecure,
    NetworkMode network, Optional<String> runtime) {
  public RunSettings {
    sshSockets = Map.copyOf(sshSockets);
  }

  /** No secrets, no SSH forwarding, insecure refused, the host's network, the best runtime found. */
  public static RunSettings defaults() {
    return new RunSettings(Secrets.none(), Map.of(), false, NetworkMode.HOST, Optional.empty());
  }
}
