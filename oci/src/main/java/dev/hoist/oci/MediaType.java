package dev.hoist.oci;

import java.util.Set;

/** Media types of the OCI image spec and of Docker's image manifest v2 schema 2. */
public final class MediaType {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_FOREIGN_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  public static final String DOCKER_SCHEMA1_MANIFEST =
      "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED_MANIFEST =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
  private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
  private static final Set<String> SCHEMA1 =
      Set.of(DOCKER_SCHEMA1_MANIFEST, DOCKER_SCHEMA1_SIGNED_MANIFEST);

  private MediaType() {}

  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  public static boolean isManifest(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }

  public static boolean isSchema1(String mediaType) {
    return SCHEMA1.contains(mediaType);
  }

  public static boolean isLayer(String mediaType) {
    return mediaType.startsWith("application/vnd.oci.image.layer.")
        || mediaType.startsWith("application/vnd.docker.image.rootfs.");
  }

  /** The compression a layer media type names. */
  public static Compression layerCompression(String mediaType) {
    if (mediaType.endsWith("+zstd")) {
      return Compression.ZSTD;
    }
    if (mediaType.endsWith("gzip")) {
      return Compression.GZIP;
    }
    return Compression.NONE;
  }

  /** The {@code Accept} header value for manifest GET/HEAD: every format hoist understands. */
  public static String manifestAccept() {
    return String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);
  }

  /** A layer's compression. */
  public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    /** The OCI layer media type for this compression. */
    public String ociLayerType() {
      return switch (this) {
        case NONE -> OCI_LAYER;
        case GZIP -> OCI_LAYER_GZIP;
        case ZSTD -> OCI_LAYER_ZSTD;
      };
    }

    /** The Docker layer media type, where one exists (Docker has none for zstd). */
    public String dockerLayerType() {
      return switch (this) {
        case GZIP -> DOCKER_LAYER_GZIP;
        case NONE -> "application/vnd.docker.image.rootfs.diff.tar";
        case ZSTD -> OCI_LAYER_ZSTD;
      };
    }
  }
}
