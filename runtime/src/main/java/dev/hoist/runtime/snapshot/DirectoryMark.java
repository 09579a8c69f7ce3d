package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * The {@code user.hoist.dir} mark the copy snapshotter puts on each folder before a run: a folder
 * that lacks it (or carries another path's) afterwards was made by the run.
 */
final class DirectoryMark {
  private static final String NAME = "hoist.dir";

  private DirectoryMark() {}

  static void mark(Path dir, String path) throws IOException {
    UserDefinedFileAttributeView view = view(dir);
    if (view != null) {
      try {
        view.write(NAME, ByteBuffer.wrap(path.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException | UnsupportedOperationException e) {
        // No user xattrs here: replaced folders are then known by their inode only.
      }
    }
  }

  static boolean hasMark(Path dir, String path) throws IOException {
    UserDefinedFileAttributeView view = view(dir);
    if (view == null) {
      return true;
    }
    try {
      if (!view.list().contains(NAME)) {
        return false;
      }
      ByteBuffer buf = ByteBuffer.allocate(view.size(NAME));
      view.read(NAME, buf);
      buf.flip();
      return StandardCharsets.UTF_8.decode(buf).toString().equals(path);
    } catch (UnsupportedOperationException e) {
      return true;
    }
  }

  private static UserDefinedFileAttributeView view(Path dir) {
    return Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }
}
