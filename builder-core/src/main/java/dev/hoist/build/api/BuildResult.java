package dev.hoist.build.api;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Platform;
import java.util.List;

/**
 * What a build made, in the local store: one image per platform and the root to name (the
 * manifest for one platform, an OCI index for several), plus how many steps ran rather than came
 * from the cache.
 */
public record BuildResult(Descriptor root, List<PlatformImage> images, int stepsRun) {
  public BuildResult {
    images = List.copyOf(images);
  }

  /** The image built for one platform: its manifest descriptor. */
  public record PlatformImage(Platform platform, Descriptor manifest) {}
}
