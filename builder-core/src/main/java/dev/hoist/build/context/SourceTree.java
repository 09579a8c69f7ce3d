package dev.hoist.build.context;

import dev.hoist.dockerfile.ignore.DockerIgnore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What COPY reads from: the build context (with its {@code .dockerignore}), a directory such as
 * an unpacked archive, or the files of a stage or image. Paths are '/'-separated and relative to
 * the tree's root.
 */
public record SourceTree(FileTree files, DockerIgnore ignore, FileHashCache hashes, String description,
    Optional<String> identity) {
  /** The build context at {@code dir}, its ignore file already loaded. */
  public static SourceTree context(Path dir, DockerIgnore ignore, FileHashCache hashes) {
    return new SourceTree(new DiskFileTree(dir), ignore, hashes, "build context", Optional.empty());
  }

  /** A directory (nothing ignored) whose files are hashed when a key needs them. */
  public static SourceTree rootfs(Path dir, String description, FileHashCache hashes) {
    return new SourceTree(new DiskFileTree(dir), DockerIgnore.none(), hashes, description, Optional.empty());
  }

  /**
   * The files of a stage or image, whose content {@code identity} (a cache key or config digest)
   * already pins down, so they are never read just to be hashed.
   */
  public static SourceTree pinned(FileTree files, String description, String identity) {
    return new SourceTree(files, DockerIgnore.none(), FileHashCache.inMemory(), description, Optional.of(identity));
  }

  /** The directory on disk the tree is (the build context, an unpacked archive or download). */
  public Path root() {
    if (files instanceof DiskFileTree disk) {
      return disk.root();
    }
    throw new IllegalStateException(description + " is not a directory on disk");
  }

  /** Whether the relative path is hidden by {@code .dockerignore}. */
  public boolean ignored(String relative) {
    return !relative.isEmpty() && ignore.matches(relative);
  }

  /**
   * Whether a walk leaves out {@code relative} and everything below it: the path is {@code hidden}
   * (by {@code .dockerignore}, or a COPY's {@code --exclude}) and is not a folder in which a {@code !}
   * pattern of {@code .dockerignore} could bring something back.
   */
  public boolean skips(String relative, FileInfo info, boolean hidden) {
    return hidden && (info.kind() != FileInfo.Kind.DIRECTORY || ignore.canSkipDirectory(relative));
  }
}
