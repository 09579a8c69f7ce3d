package dev.hoist.build.api;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.Platform;
import java.util.List;
import java.util.Set;

/**
 * What a build made, in the local store: one image per platform and the root to name (the
 * manifest for one platform, an OCI index for several), plus how many steps ran rather than came
 * from the cache, and the keys of the steps it took from or recorded in the cache ({@code --cache-to}
 * exports those).
 */
public record BuildResult(Descriptor root, List<PlatformImage> images, int stepsRun, Set<Digest> cacheKeys) {
  public BuildResult {
    images = List.copyOf(images);
    cacheKeys = Set.copyOf(cacheKeys);
  }

  /** The image built for one platform: its manifest descriptor. */
  public record PlatformImage(Platform platform, Descriptor manifest) {}
}
