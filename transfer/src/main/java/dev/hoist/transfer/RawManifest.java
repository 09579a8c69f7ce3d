package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;

/** A manifest or index exactly as it was read: its media type and bytes (never re-serialised). */
public record RawManifest(String mediaType, byte[] bytes) {
  public Digest digest() {
    return Digest.sha256(bytes);
  }

  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest(), bytes.length);
  }

  public boolean isIndex() {
    return MediaType.isIndex(mediaType);
  }

  public Manifest manifest() {
    return Manifest.parse(bytes, "manifest " + digest());
  }

  public ImageIndex index() {
    return ImageIndex.parse(bytes, "index " + digest());
  }
}
