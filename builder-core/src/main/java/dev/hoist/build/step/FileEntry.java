package dev.hoist.build.step;

import dev.hoist.build.context.FileSource;
import java.util.Optional;

/**
 * One file a step puts in its layer: {@code name} is relative to the image root, '/'-separated
 * with no leading slash; content comes from {@code source} (a file on disk or in a layer) or {@code inline}.
 */
public record FileEntry(
    String name, Kind kind, int mode, long uid, long gid, long mtime, long size, String linkTarget,
    Optional<FileSource> source, Optional<byte[]> inline) {

  /** The kinds of file a COPY can make. */
  public enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK
  }

  public static FileEntry directory(String name, int mode, long uid, long gid, long mtime) {
    return new FileEntry(name, Kind.DIRECTORY, mode, uid, gid, mtime, 0, "", Optional.empty(), Optional.empty());
  }

  public FileEntry withName(String n) {
    return new FileEntry(n, kind, mode, uid, gid, mtime, size, linkTarget, source, inline);
  }

  public FileEntry withMode(int m) {
    return new FileEntry(name, kind, m, uid, gid, mtime, size, linkTarget, source, inline);
  }

  public FileEntry withOwner(long u, long g) {
    return new FileEntry(name, kind, mode, u, g, mtime, size, linkTarget, source, inline);
  }
}
