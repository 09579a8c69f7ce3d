package dev.hoist.runtime.mount;

import java.nio.file.Path;
import java.util.Map;

/**
 * What realising mounts draws on: the cache root (persistent cache folders live below it), the
 * build's secrets and the SSH agent sockets by id ({@code default} is {@code $SSH_AUTH_SOCK}).
 */
public record MountContext(Path cacheRoot, Secrets secrets, Map<String, Path> sshSockets) {
  public MountContext {
    sshSockets = Map.copyOf(sshSockets);
  }

  /** SSH sockets from this process: {@code default} is {@code $SSH_AUTH_SOCK} when set. */
  public static Map<String, Path> sshFromEnvironment() {
    String sock = System.getenv("SSH_AUTH_SOCK");
    return sock == null || sock.isEmpty() ? Map.of() : Map.of("default", Path.of(sock));
  }
}
