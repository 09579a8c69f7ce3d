package dev.hoist.build.context;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The files COPY reads: a directory on disk ({@link DiskFileTree}) or the merged view of an
 * image's layers ({@link LayeredFileTree}), read without unpacking them. Paths are relative,
 * '/'-separated and cleaned ("" is the root).
 */
public sealed interface FileTree permits DiskFileTree, LayeredFileTree {
  /**
   * The file at {@code path}, whose parents hold no symlinks (resolve it first with {@link
   * ContextPath#resolve(FileTree, String, boolean)}); a symlink in the last component is not followed.
   */
  Optional<FileInfo> stat(String path) throws IOException;

  /** The names in the directory {@code path} (already resolved), sorted. */
  List<String> list(String path) throws IOException;
}
