package dev.hoist.build.cache;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageConfig;
import java.util.List;

/** The image a cached step left: its config and layer blobs, and whether its stage had set CMD. */
public record CachedImage(ImageConfig config, List<Descriptor> layers, boolean cmdSet) {
  public CachedImage {
    layers = List.copyOf(layers);
  }
}
