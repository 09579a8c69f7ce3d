package dev.hoist.build.context;

import java.nio.file.Path;

/** Where the bytes of a file that a step copies are: a file on disk, or an entry of an image layer. */
public sealed interface FileSource {
  /** The file's path inside the tree it was found in (relative, cleaned). */
  String path();

  /** A regular file on disk. */
  record OnDisk(Path file, String path) implements FileSource {}

  /** The content of entry number {@code ordinal} (from 0) of layer {@code layer} of {@code tree}. */
  record InLayer(LayeredFileTree tree, int layer, long ordinal, String path) implements FileSource {}
}
