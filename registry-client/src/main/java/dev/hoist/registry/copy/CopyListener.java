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

  default void manifestPushed(ImageReference target, Digest digest) {}
}
