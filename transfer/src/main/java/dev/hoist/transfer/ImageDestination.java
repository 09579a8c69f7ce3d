package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where images are written. The copier sends blobs first, then manifests (children before the
 * index that names them), then {@link #commit} per image; {@link #finish} completes the target
 * (e.g. writes an archive's index). Closing without finishing discards what a file target wrote.
 */
public interface ImageDestination extends Closeable {
  /** Opens a blob's content again, for destinations that read it more than once. */
  @FunctionalInterface
  interface BlobOpener {
    InputStream open() throws IOException;
  }

  /** Whether the destination already has this blob (it is then not sent). */
  boolean hasBlob(Descriptor descriptor) throws IOException;

  void putBlob(Descriptor descriptor, BlobOpener content) throws IOException;

  void putManifest(RawManifest manifest) throws IOException;

  /** Records {@code top} as an image, named {@code name} when given. */
  void commit(RawManifest top, Optional<String> name) throws IOException;

  /** Completes the target after the last commit. */
  default void finish() throws IOException {}

  /**
   * Whether {@link #hasBlob} and {@link #putBlob} may run for several blobs at once (a registry, a
   * layout's temp-file-then-rename writes); a file written in order (a tar archive) says no.
   */
  default boolean acceptsParallelBlobs() {
    return false;
  }

  /** Whether this destination holds a single-platform manifest only (docker-archive). */
  default boolean needsSinglePlatform() {
    return false;
  }
}
