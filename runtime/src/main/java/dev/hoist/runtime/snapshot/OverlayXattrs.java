package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * overlayfs' opaque-directory mark. hoist always mounts with {@code userxattr}, as root too, so the
 * mark is {@code user.overlay.opaque=y}, which plain Java can read and write.
 */
final class OverlayXattrs {
  private static final String OPAQUE = "overlay.opaque";

  private OverlayXattrs() {}

  static boolean isOpaque(Path dir) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return false;
    }
    try {
      if (!view.list().contains(OPAQUE)) {
        return false;
      }
      ByteBuffer buf = ByteBuffer.allocate(view.size(OPAQUE));
      view.read(OPAQUE, buf);
      buf.flip();
      return StandardCharsets.UTF_8.decode(buf).toString().equals("y");
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  static void markOpaque(Path dir) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      throw new IOException("file system of " + dir + " has no user extended attributes");
    }
    view.write(OPAQUE, ByteBuffer.wrap("y".getBytes(StandardCharsets.UTF_8)));
  }
}
