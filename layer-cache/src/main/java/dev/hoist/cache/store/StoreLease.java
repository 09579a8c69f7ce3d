package dev.hoist.cache.store;

import java.io.IOException;

/**
 * Protection from {@code prune} while an image is being written: hold a lease from the first blob
 * until the image is tagged (or its cache entry recorded), or prune may remove blobs nothing names
 * yet. Leases of any number of processes and threads coexist; prune waits for all of them.
 */
public final class StoreLease implements AutoCloseable {
  /** What closing the lease does. */
  @FunctionalInterface
  interface Release {
    void run() throws IOException;
  }

  private final Release release;
  private boolean closed;

  StoreLease(Release release) {
    this.release = release;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
