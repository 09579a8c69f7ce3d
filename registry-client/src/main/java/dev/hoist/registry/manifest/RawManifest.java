package dev.hoist.registry.manifest;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;

/**
 * A manifest exactly as the registry sent it: its bytes (never re-serialised), media type and
 * digest (the sha256 of the bytes).
 */
public record RawManifest(byte[] bytes, String mediaType, Digest digest) {
  public boolean isIndex() {
    return MediaType.isIndex(mediaType);
  }

  /** The parsed image manifest; fails if this is an index. */
  public Manifest manifest() {
    return Manifest.parse(bytes, "manifest " + digest);
  }

  /** The parsed index; fails if this is an image manifest. */
  public ImageIndex index() {
    return ImageIndex.parse(bytes, "index " + digest);
  }

  /** A descriptor naming this manifest. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }
}
