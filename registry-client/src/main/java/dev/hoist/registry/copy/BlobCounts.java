package dev.hoist.registry.copy;

import dev.hoist.registry.blob.UploadOutcome;

/** How many blobs a copy uploaded, mounted from another repository, or found already there. */
record BlobCounts(int uploaded, int mounted, int existed) {
  static final BlobCounts ZERO = new BlobCounts(0, 0, 0);

  BlobCounts plus(UploadOutcome outcome) {
    return switch (outcome) {
      case UPLOADED -> new BlobCounts(uploaded + 1, mounted, existed);
      case MOUNTED -> new BlobCounts(uploaded, mounted + 1, existed);
      case EXISTED -> new BlobCounts(uploaded, mounted, existed + 1);
    };
  }

  BlobCounts plus(BlobCounts other) {
    return new BlobCounts(uploaded + other.uploaded, mounted + other.mounted, existed + other.existed);
  }
}
