package dev.hoist.registry.copy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.blob.UploadOutcome;

/** Hears what a copy does, for progress output. Called from worker threads. */
public interface CopyListener {
  CopyListener NONE = new CopyListener() {};

  default void blobStarted(Descriptor blob) {}

  default void blobDone(Descriptor blob, UploadOutcome outcome) {}

  /**
   * A manifest or index was written to {@code target}: the top one under its tag, an index's
   * children by digest, a referrer's fallback index under its {@code sha256-<hex>} tag.
   */
  default void manifestPushed(ImageReference target, Digest digest) {}

  /** {@code referrer}, an artifact whose subject is {@code subject}, was written to {@code target}. */
  default void referrerPushed(ImageReference target, Descriptor referrer, Digest subject) {}
}
