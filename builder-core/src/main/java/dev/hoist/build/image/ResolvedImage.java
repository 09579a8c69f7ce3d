package dev.hoist.build.image;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageConfig;
import java.util.List;

/** A base image ready to build on: its name, manifest and config digests, config, and layer blobs (in the store). */
public record ResolvedImage(String name, Digest manifest, Digest configDigest, ImageConfig config, List<Descriptor> layers) {
  public ResolvedImage {
    layers = List.copyOf(layers);
  }
}
