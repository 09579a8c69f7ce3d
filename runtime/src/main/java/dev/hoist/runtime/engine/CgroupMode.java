package dev.hoist.runtime.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Detects hosts with hybrid cgroups where controllers are enabled in the v2 hierarchy under
 * {@code /sys/fs/cgroup/unified}: crun 1.8 refuses to start there even with its cgroup manager
 * disabled ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2").
 */
public final class CgroupMode {
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
