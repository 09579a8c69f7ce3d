package dev.hoist.build.context;

import dev.hoist.dockerfile.ignore.DockerIgnore;
import java.nio.file.Path;

/**
 * A directory COPY reads from: the build context (with its {@code .dockerignore}) or the root
 * filesystem of a stage or image. Paths are '/'-separated and relative to {@link #root()}.
 */
public record SourceTree(Path root, DockerIgnore ignore, FileHashCache hashes, String description,
    java.util.Optional<String> identity) {
  /** The build context at {@code dir}, its ignore file already loaded. */
  public static SourceTree context(Path dir, DockerIgnore ignore, FileHashCache hashes) {
    return new SourceTree(dir, ignore, hashes, "build context", java.util.Optional.empty());
  }

  /** A root filesystem (nothing ignored) whose files are hashed when a key needs them. */
  public static SourceTree rootfs(Path dir, String description, FileHashCache hashes) {
    return new SourceTree(dir, DockerIgnore.none(), hashes, description, java.util.Optional.empty());
  }

  /**
   * A root filesystem unpacked from an image whose content {@code identity} (a cache key or config
   * digest) already pins down, so its files are never read just to be hashed.
   */
  public static SourceTree pinned(Path dir, String description, String identity) {
    return new SourceTree(dir, DockerIgnore.none(), FileHashCache.inMemory(), description, java.util.Optional.of(identity));
  }

  /** Whether the relative path is hidden by {@code .dockerignore}. */
  public boolean ignored(String relative) {
    return !relative.isEmpty() && ignore.matches(relative);
  }
}
