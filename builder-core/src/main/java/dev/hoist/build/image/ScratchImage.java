package dev.hoist.build.image;

import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Platform;
import java.util.List;

/**
 * The config {@code FROM scratch} starts with, as BuildKit's {@code emptyImage} writes it: the
 * platform, the default {@code PATH} of its OS in {@code Env} and {@code WorkingDir} "/".
 */
public final class ScratchImage {
  /** BuildKit's {@code system.DefaultPathEnvWindows}. */
  static final String WINDOWS_PATH = "c:\\Windows\\System32;c:\\Windows";

  private ScratchImage() {}

  public static ImageConfig config(Platform platform) {
    String path = "windows".equals(platform.os()) ? WINDOWS_PATH : ContainerConfig.DEFAULT_PATH;
    return ImageConfig.scratch(platform).withConfig(new ContainerConfig(null, null, List.of("PATH=" + path), null,
        null, null, "/", null, null, false, null, null, null, null));
  }
}
