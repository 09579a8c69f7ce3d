package dev.hoist.runtime.engine;

import dev.hoist.oci.HoistException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the runtime to use: the one {@code --runtime} names, else the first of crun, runc and
 * bwrap on {@code PATH}. On hosts with hybrid cgroups crun is set up to see no v2 controllers
 * ({@link Crun#hideV2Controllers}); should it refuse the host all the same, the runner falls back
 * to the next runtime with a one-line warning ({@link #fallbacks}).
 */
public final class RuntimeLocator {
  /** The names {@code --runtime} accepts, in order of preference. */
  public static final List<String> NAMES = List.of("crun", "runc", "bwrap");

  private final String path;
  private final boolean hybridCgroups;

  public RuntimeLocator(String path, boolean hybridCgroups) {
    this.path = path;
    this.hybridCgroups = hybridCgroups;
  }

  /** A locator over this process' {@code PATH} and this host's cgroups. */
  public static RuntimeLocator system() {
    return new RuntimeLocator(System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"),
        CgroupMode.hybridWithV2Controllers());
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
    for (String n : NAMES) {
      Optional<Path> exe = find(n);
      if (exe.isPresent()) {
        return of(n, exe.get());
      }
    }
    throw new HoistException("no OCI runtime found on PATH (looked for crun, runc, bwrap);"
        + " install one, e.g. apt-get install crun runc bubblewrap");
  }

  /** The runtimes after {@code runtime} in order of preference that are installed here. */
  public List<ContainerRuntime> fallbacks(ContainerRuntime runtime) {
    List<ContainerRuntime> out = new ArrayList<>();
    for (String n : NAMES.subList(NAMES.indexOf(runtime.name()) + 1, NAMES.size())) {
      find(n).ifPresent(exe -> out.add(of(n, exe)));
    }
    return out;
  }

  private ContainerRuntime of(String name, Path exe) {
    return switch (name) {
      case "crun" -> new Crun(exe, hybridCgroups);
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
