package dev.hoist.cli.run;

import dev.hoist.oci.ContainerConfig;
import dev.hoist.runtime.snapshot.LowerStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the program of {@code hoist run} in the image before the runtime starts, as Docker does,
 * so that a missing one exits 127 and one that cannot be executed exits 126, with one message:
 * a name without a slash is searched in the container's {@code PATH}, symlinks are followed inside
 * the image. Paths under a volume or mount are left to the runtime.
 */
final class CommandLookup {
  /** Why the program cannot be started: the exit code and the message Docker gives. */
  record Failure(int exitCode, String message) {}

  private final LowerStack image;
  private final Collection<String> mountTargets;

  CommandLookup(LowerStack image, Collection<String> mountTargets) {
    this.image = image;
    this.mountTargets = List.copyOf(mountTargets);
  }

  /** Empty when {@code program} can be started (or only the runtime can tell). */
  Optional<Failure> check(String program, List<String> env, String workdir) throws IOException {
    List<String> candidates = new ArrayList<>();
    if (program.contains("/")) {
      candidates.add(program.startsWith("/") ? program : (workdir.isEmpty() ? "/" : workdir) + "/" + program);
    } else {
      for (String dir : path(env).split(":")) {
        candidates.add((dir.isEmpty() ? "." : dir) + "/" + program);
      }
    }
    boolean deniedSeen = false;
    for (String c : candidates) {
      if (!c.startsWith("/") || underMount(c)) {
        return Optional.empty();
      }
      Optional<Path> file = image.resolve(c);
      if (file.isEmpty()) {
        continue;
      }
      if (executable(file.get())) {
        return Optional.empty();
      }
      deniedSeen = true;
      if (program.contains("/")) {
        break;
      }
    }
    if (deniedSeen) {
      return Optional.of(new Failure(126, "exec: \"" + program + "\": permission denied"));
    }
    return Optional.of(new Failure(127, program.contains("/")
        ? "exec: \"" + program + "\": no such file or directory"
        : "exec: \"" + program + "\": executable file not found in $PATH"));
  }

  private static String path(List<String> env) {
    String path = ContainerConfig.DEFAULT_PATH;
    for (String kv : env) {
      if (kv.startsWith("PATH=")) {
        path = kv.substring(5);
      }
    }
    return path;
  }

  private boolean underMount(String path) {
    for (String t : mountTargets) {
      String target = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
      if (target.isEmpty() || path.equals(target) || path.startsWith(target + "/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean executable(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    return p.contains(PosixFilePermission.OWNER_EXECUTE) || p.contains(PosixFilePermission.GROUP_EXECUTE)
        || p.contains(PosixFilePermission.OTHERS_EXECUTE);
  }
}
