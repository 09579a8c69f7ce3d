package dev.hoist.runtime.userns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user namespace a run needs: none as root; as another user, container root mapped to the
 * user plus, when {@code /etc/subuid} and {@code /etc/subgid} grant a range and {@code newuidmap}
 * exists, container ids 1..n mapped to that range (else a single-id map). {@link #unshareArgs()}
 * gives the {@code unshare(1)} options that create it.
 */
public record UserNamespace(boolean rootless, IdMapping mapping) {

  /** The namespace for the current process. */
  public static UserNamespace detect() {
    long uid = ProcessIds.effectiveUid();
    if (uid == 0) {
      return new UserNamespace(false, IdMapping.identity());
    }
    long gid = ProcessIds.effectiveGid();
    String user = System.getProperty("user.name");
    Optional<long[]> subUid = subordinate(Path.of("/etc/subuid"), user, uid);
    Optional<long[]> subGid = subordinate(Path.of("/etc/subgid"), user, uid);
    List<IdRange> uids = new ArrayList<>(List.of(new IdRange(0, uid, 1)));
    List<IdRange> gids = new ArrayList<>(List.of(new IdRange(0, gid, 1)));
    if (subUid.isPresent() && subGid.isPresent() && onPath("newuidmap") && onPath("newgidmap")) {
      uids.add(new IdRange(1, subUid.get()[0], subUid.get()[1]));
      gids.add(new IdRange(1, subGid.get()[0], subGid.get()[1]));
    }
    return new UserNamespace(true, new IdMapping(uids, gids));
  }

  /** A rootless namespace that maps only container root, to this process' user (no subordinate ids). */
  public static UserNamespace singleId() {
    return new UserNamespace(true, new IdMapping(List.of(new IdRange(0, ProcessIds.effectiveUid(), 1)),
        List.of(new IdRange(0, ProcessIds.effectiveGid(), 1))));
  }

  /** Options for {@code unshare(1)} that create this namespace; empty as root. */
  public List<String> unshareArgs() {
    if (!rootless) {
      return List.of();
    }
    List<String> args = new ArrayList<>(List.of("--user", "--map-user=0", "--map-group=0"));
    for (IdRange r : mapping.uids()) {
      if (r.containerId() != 0) {
        args.add("--map-users=" + r.hostId() + "," + r.containerId() + "," + r.size());
      }
    }
    for (IdRange r : mapping.gids()) {
      if (r.containerId() != 0) {
        args.add("--map-groups=" + r.hostId() + "," + r.containerId() + "," + r.size());
      }
    }
    return args;
  }

  private static Optional<long[]> subordinate(Path file, String user, long uid) {
    try {
      if (!Files.isReadable(file)) {
        return Optional.empty();
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split(":");
        if (f.length == 3 && (f[0].equals(user) || f[0].equals(Long.toString(uid)))) {
          return Optional.of(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
