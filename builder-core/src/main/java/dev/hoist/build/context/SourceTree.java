package dev.hoist.build.context;

import dev.hoist.dockerfile.ignore.DockerIgnore;
import java.nio.file.Path;

/**
 * A directory COPY reads from: the build context (with its {@code .dockerignore}) or the root
 * filesystem of a stage or image. Paths are '/'-separated and relative to {@link #root()}.
 */
public record SourceTree(Path root, DockerIgnore ignore, FileHashCache hashes, String description) {
  /** The build context at {@code dir}, its ignore file already loaded. */
  public static SourceTree context(Path dir, DockerIgnore ignore, FileHashCache hashes) {
    return new SourceTree(dir, ignore, hashes, "build context");
  }

  /** A root filesystem (nothing ignored). */
  public static SourceTree rootfs(Path dir, String description, FileHashCache hashes) {
    return new SourceTree(dir, DockerIgnore.none(), hashes, description);
  }

  /** Whether the relative path is hidden by {@code .dockerignore}. */
  public boolean ignored(String relative) {
    return !relative.isEmpty() && ignore.matches(relative);
  }
}
