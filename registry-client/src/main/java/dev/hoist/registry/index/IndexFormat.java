package dev.hoist.registry.index;

import dev.hoist.oci.MediaType;

/** The kind of multi-platform manifest to write: an OCI image index or a Docker manifest list. */
public enum IndexFormat {
  OCI(MediaType.OCI_INDEX),
  DOCKER(MediaType.DOCKER_MANIFEST_LIST);

  private final String mediaType;

  IndexFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }
}
