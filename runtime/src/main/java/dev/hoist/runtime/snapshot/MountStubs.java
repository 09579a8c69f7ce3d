package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Removes from a diff the empty files and folders a runtime creates as mount points (for {@code
 * /proc}, {@code /run/secrets/x}, a cache target...) when the lower layers do not have them, and
 * the parent folders that only changed because of them.
 */
final class MountStubs {
  private MountStubs() {}

  static List<DiffEntry> prune(List<DiffEntry> entries, Path root, LowerStack lowers, Collection<String> mountTargets)
      throws IOException {
    TreeSet<DiffEntry> set = new TreeSet<>(entries);
    for (String target : mountTargets) {
      String p = LowerStack.normalise(target);
      while (!p.isEmpty()) {
        DiffEntry.Upsert upsert = new DiffEntry.Upsert(p);
        if (!set.contains(upsert) || set.contains(new DiffEntry.OpaqueDir(p)) || hasChildren(set, p)) {
          break;
        }
        Path onDisk = root.resolve(p);
        Optional<Path> lower = lowers.find(p);
        if (lower.isEmpty()) {
          if (!isStub(onDisk)) {
            break;
          }
        } else if (!sameDirectory(onDisk, lower.get())) {
          break;
        }
        set.remove(upsert);
        int slash = p.lastIndexOf('/');
        p = slash < 0 ? "" : p.substring(0, slash);
      }
    }
    return new ArrayList<>(set);
  }

  private static boolean hasChildren(TreeSet<DiffEntry> set, String p) {
    DiffEntry next = set.ceiling(new DiffEntry.Upsert(p + "/"));
    return next != null && next.path().startsWith(p + "/");
  }

  /** A folder (its children are already known to be stubs or absent) or an empty file. */
  private static boolean isStub(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0;
  }

  private static boolean sameDirectory(Path upper, Path lower) throws IOException {
    Optional<FileStat> u = FileStat.of(upper);
    Optional<FileStat> l = FileStat.of(lower);
    if (u.isEmpty() || l.isEmpty() || !u.get().isDirectory() || !l.get().isDirectory()) {
      return false;
    }
    return u.get().mode() == l.get().mode() && u.get().uid() == l.get().uid() && u.get().gid() == l.get().gid();
  }
}
