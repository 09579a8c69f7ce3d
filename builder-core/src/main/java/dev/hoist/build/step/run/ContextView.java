package dev.hoist.build.step.run;

import dev.hoist.build.context.FileInfo;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    List<KeptTree.Entry> dirs = new ArrayList<>();
    for (KeptTree.Entry e : tree.entries()) {
      Path to = view.resolve(e.path());
      switch (e.info().kind()) {
        case DIRECTORY -> {
          if (!to.equals(view)) {
            Files.createDirectory(to);
          }
          dirs.add(e);
        }
        case SYMLINK -> Files.createSymbolicLink(to, Path.of(e.info().linkTarget()));
        case FILE, OTHER -> link(tree.file(e), to, e.info().kind() == FileInfo.Kind.FILE);
      }
    }
    // Modes and times last, deepest first: a read-only folder must still take its entries, and
    // each entry made changes its folder's mtime.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      KeptTree.Entry e = dirs.get(i);
      Path to = view.resolve(e.path());
      if (root) {
        Map<String, Object> owner = Files.readAttributes(tree.file(e), "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:uid", owner.get("uid"));
        Files.setAttribute(to, "unix:gid", owner.get("gid"));
      }
      Files.setAttribute(to, "unix:mode", e.info().mode());
      Files.setLastModifiedTime(to, FileTime.from(e.info().mtimeNanos(), TimeUnit.NANOSECONDS));
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
