package dev.hoist.runtime.snapshot;

import dev.hoist.runtime.userns.UserNamespace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fallback where overlayfs cannot be mounted: the lower layers are copied into one folder (with
 * {@code cp -a}, keeping owners, modes, times, xattrs and hard links), the inode and ctime of every
 * path are recorded, and after the run a second walk finds what is new, what changed (ctime moves
 * on any change of content or metadata and cannot be set back) and what is gone. Each folder of
 * the copy is marked with {@code user.hoist.dir=<its path>} before the run, so a folder deleted
 * and made again is known as replaced even when the file system reuses its inode. Changed paths
 * bring their parent folders, replaced folders become opaque: the same entries overlayfs gives.
 */
public final class CopySnapshot implements Snapshot {
  private final LowerStack lowers;
  private final Path dir;
  private final Path rootfs;
  private final UserNamespace userns;
  private final java.util.function.Consumer<Process> removals;
  private final Map<String, FileStat> before = new HashMap<>();

  CopySnapshot(LowerStack lowers, Path dir, UserNamespace userns, java.util.function.Consumer<Process> removals)
      throws IOException {
    this.removals = removals;
    this.lowers = lowers;
    this.dir = dir;
    this.userns = userns;
    this.rootfs = Files.createDirectory(dir.resolve("rootfs"));
    TreeCommands commands = new TreeCommands(userns);
    for (Path layer : lowers.layers()) {
      List<String> whiteouts = applyDeletions(layer);
      commands.copyContents(layer, rootfs);
      for (String w : whiteouts) {
        Files.deleteIfExists(rootfs.resolve(w));
      }
    }
    for (Map.Entry<String, FileStat> e : walk(rootfs).entrySet()) {
      if (e.getValue().isDirectory()) {
        DirectoryMark.mark(rootfs.resolve(e.getKey()), e.getKey());
      }
    }
    before.putAll(walk(rootfs));
  }

  /** Removes from the copy what {@code layer} deletes or replaces; returns its whiteout paths. */
  private List<String> applyDeletions(Path layer) throws IOException {
    List<String> whiteouts = new ArrayList<>();
    TreeCommands commands = new TreeCommands(userns);
    Files.walkFileTree(layer, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (d.equals(layer)) {
          return FileVisitResult.CONTINUE;
        }
        Path target = rootfs.resolve(layer.relativize(d).toString());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(target);
        } else if (OverlayXattrs.isOpaque(d)) {
          commands.delete(target);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        String rel = layer.relativize(f).toString();
        Path target = rootfs.resolve(rel);
        boolean whiteout = FileStat.of(f).map(FileStat::isWhiteout).orElse(false);
        if (whiteout) {
          whiteouts.add(rel);
          commands.delete(target);
        } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          commands.delete(target);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return whiteouts;
  }

  @Override
  public Path rootfs() {
    return rootfs;
  }

  @Override
  public Optional<OverlayMount> overlay() {
    return Optional.empty();
  }

  @Override
  public LowerStack lowers() {
    return lowers;
  }

  @Override
  public Diff diff(Collection<String> mountTargets) throws IOException {
    Map<String, FileStat> after = walk(rootfs);
    TreeSet<DiffEntry> entries = new TreeSet<>();
    for (Map.Entry<String, FileStat> e : after.entrySet()) {
      String path = e.getKey();
      FileStat now = e.getValue();
      FileStat was = before.get(path);
      boolean replacedDir = was != null && now.isDirectory() && !DirectoryMark.hasMark(rootfs.resolve(path), path);
      if (was == null || was.inode() != now.inode() || replacedDir) {
        entries.add(new DiffEntry.Upsert(path));
        if (was != null && was.isDirectory() && now.isDirectory()) {
          entries.add(new DiffEntry.OpaqueDir(path));
        }
      } else if (was.ctimeNanos() != now.ctimeNanos()) {
        entries.add(new DiffEntry.Upsert(path));
      }
    }
    for (String path : before.keySet()) {
      if (!after.containsKey(path) && after.containsKey(parent(path))) {
        entries.add(new DiffEntry.Whiteout(path));
      } else if (!after.containsKey(path) && parent(path).isEmpty()) {
        entries.add(new DiffEntry.Whiteout(path));
      }
    }
    for (DiffEntry e : List.copyOf(entries)) {
      for (String p = parent(e.path()); !p.isEmpty(); p = parent(p)) {
        entries.add(new DiffEntry.Upsert(p));
      }
    }
    dropBelowOpaqueReplacedWhiteouts(entries);
    List<DiffEntry> sorted = new ArrayList<>(entries);
    Collections.sort(sorted);
    return new Diff(rootfs, MountStubs.prune(sorted, rootfs, lowers, mountTargets), userns.mapping());
  }

  /** Below an opaque folder nothing of the lower layers shows, so whiteouts there say nothing. */
  private static void dropBelowOpaqueReplacedWhiteouts(TreeSet<DiffEntry> entries) {
    List<String> opaque = entries.stream().filter(e -> e instanceof DiffEntry.OpaqueDir).map(DiffEntry::path).toList();
    entries.removeIf(e -> e instanceof DiffEntry.Whiteout
        && opaque.stream().anyMatch(o -> e.path().startsWith(o + "/")));
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  private static Map<String, FileStat> walk(Path root) throws IOException {
    Map<String, FileStat> stats = new HashMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (!d.equals(root)) {
          stats.put(root.relativize(d).toString(), FileStat.of(d).orElseThrow());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        FileStat.of(f).ifPresent(s -> stats.put(root.relativize(f).toString(), s));
        return FileVisitResult.CONTINUE;
      }
    });
    return stats;
  }

  @Override
  public void close() throws IOException {
    new TreeCommands(userns).deleteInBackground(dir).ifPresent(removals);
  }
}
