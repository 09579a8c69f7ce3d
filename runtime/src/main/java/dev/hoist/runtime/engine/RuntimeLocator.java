package dev.hoist.runtime.engine;

import dev.hoist.oci.HoistException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the runtime to use: the one {@code --runtime} names, else the first of crun, runc and
 * bwrap on {@code PATH} that can work here. crun is passed over, with a one-line warning, on hosts
 * where it refuses hybrid cgroups.
 */
public final class RuntimeLocator {
  /** The names {@code --runtime} accepts, in order of preference. */
  public static final List<String> NAMES = List.of("crun", "runc", "bwrap");

  private final String path;
  private final boolean crunRefusesCgroups;
  private final Consumer<String> warnings;

  public RuntimeLocator(String path, boolean crunRefusesCgroups, Consumer<String> warnings) {
    this.path = path;
    this.crunRefusesCgroups = crunRefusesCgroups;
    this.warnings = warnings;
  }

  /** A locator over this process' {@code PATH} and this host's cgroups. */
  public static RuntimeLocator system(Consumer<String> warnings) {
    return new RuntimeLocator(System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"),
        CgroupMode.hybridWithV2Controllers(), warnings);
  }

  /** The runtime {@code name} (crun, runc, bwrap, or a path to one of them), or the best one found. */
  public ContainerRuntime locate(Optional<String> name) {
    if (name.isPresent()) {
      String n = name.get();
      String base = Path.of(n).getFileName().toString();
      if (!NAMES.contains(base)) {
        throw new HoistException("unknown runtime " + n + " (want one of " + String.join(", ", NAMES) + ")");
      }
      Path exe = n.contains("/") ? Path.of(n) : find(n).orElseThrow(() -> new HoistException(
          "runtime " + n + " not found on PATH; install the Debian package " + packageOf(n)));
      return of(base, exe);
    }
    List<String> passed = new ArrayList<>();
    for (String n : NAMES) {
      Optional<Path> exe = find(n);
      if (exe.isEmpty()) {
        continue;
      }
      if (n.equals("crun") && crunRefusesCgroups) {
        passed.add(n);
        continue;
      }
      if (!passed.isEmpty()) {
        warnings.accept("warning: crun refuses this host's hybrid cgroups (controllers in /sys/fs/cgroup/unified); using " + n);
      }
      return of(n, exe.get());
    }
    throw new HoistException("no OCI runtime found on PATH (looked for crun, runc, bwrap);"
        + " install one, e.g. apt-get install crun runc bubblewrap");
  }

  static ContainerRuntime of(String name, Path exe) {
    return switch (name) {
      case "crun" -> new Crun(exe);
      case "runc" -> new Runc(exe);
      default -> new Bubblewrap(exe);
    };
  }

  private static String packageOf(String name) {
    return name.equals("bwrap") ? "bubblewrap" : name;
  }

  private Optional<Path> find(String program) {
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
