package dev.hoist.build.context;

import java.util.Optional;

/**
 * What COPY needs of one file of a {@link FileTree}: its kind, permission bits (07777), size,
 * modification time, a symlink's target, where its bytes are, and (on disk) the stamp the hash
 * cache keys on.
 */
public record FileInfo(Kind kind, int mode, long size, long mtimeNanos, String linkTarget, Optional<FileSource> source,
    Optional<FileHashCache.Stamp> stamp) {
  /** The kinds of file; {@link #OTHER} (devices, FIFOs, sockets) cannot be copied. */
  public enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK,
    OTHER
  }

  public long mtimeSeconds() {
    return Math.floorDiv(mtimeNanos, 1_000_000_000L);
  }
}
