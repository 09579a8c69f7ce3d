package dev.hoist.build.step.run;

import dev.hoist.build.context.KeptTree;
import dev.hoist.runtime.userns.ProcessIds;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A build-context folder as {@code .dockerignore} leaves it, for a bind mount: its kept folders
 * made again in a scratch folder (with their modes and times, and owners as root), its kept files
 * hard links to the context's, so nothing is copied and the mount is read-only over the very same
 * inodes, and its symlinks made again with the same target. Where a link cannot be made (the
 * scratch folder is on another file system, or {@code protected_hardlinks} refuses another user's
 * file) the file is copied; a special file that cannot be linked is left out. A {@code rw} mount
 * gets its own copy of this view, so no write reaches the context through a link.
 */
final class ContextView {
  private ContextView() {}

  /** Makes the view of {@code tree} in a new folder under {@code scratch} and returns that folder. */
  static Path create(KeptTree tree, Path scratch) throws IOException {
    Path view = Files.createTempDirectory(scratch, "context-");
    boolean root = ProcessIds.effectiveUid() == 0;
    List<Path> dirs = new ArrayList<>();
    for (Path from : tree.paths()) {
      Path to = view.resolve(tree.dir().relativize(from).toString());
      PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isDirectory()) {
        if (!to.equals(view)) {
          Files.createDirectory(to);
        }
        dirs.add(from);
      } else if (a.isSymbolicLink()) {
        Files.createSymbolicLink(to, Files.readSymbolicLink(from));
      } else {
        link(from, to, a.isRegularFile());
      }
    }
    // Modes and times last, deepest first: a read-only folder must still take its entries, and
    // each entry made changes its folder's mtime.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path from = dirs.get(i);
      Path to = view.resolve(tree.dir().relativize(from).toString());
      Map<String, Object> a = Files.readAttributes(from, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      if (root) {
        Files.setAttribute(to, "unix:uid", a.get("uid"));
        Files.setAttribute(to, "unix:gid", a.get("gid"));
      }
      Files.setAttribute(to, "unix:mode", (Integer) a.get("mode") & 07777);
      Files.setLastModifiedTime(to, (FileTime) a.get("lastModifiedTime"));
    }
    return view;
  }

  private static void link(Path from, Path to, boolean regular) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (FileSystemException e) {
      if (regular) {
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
