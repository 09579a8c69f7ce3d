package dev.hoist.runtime.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Detects hosts with hybrid cgroups where controllers are enabled in the v2 hierarchy under
 * {@code /sys/fs/cgroup/unified}: crun 1.8 refuses to start there even with its cgroup manager
 * disabled ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2"), unless
 * it is given an empty view of that file ({@link Crun#hideV2Controllers}).
 */
public final class CgroupMode {
  /** The file crun 1.8 reads to decide that it refuses the host. */
  public static final Path V2_CONTROLLERS = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");

  private CgroupMode() {}

  public static boolean hybridWithV2Controllers() {
    return hybridWithV2Controllers(Path.of("/sys/fs/cgroup"));
  }

  static boolean hybridWithV2Controllers(Path cgroupRoot) {
    Path controllers = cgroupRoot.resolve("unified/cgroup.controllers");
    try {
      return Files.isReadable(controllers) && !Files.readString(controllers).isBlank();
    } catch (IOException e) {
      return false;
    }
  }
}
