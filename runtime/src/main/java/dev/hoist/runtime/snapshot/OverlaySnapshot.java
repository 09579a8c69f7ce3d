package dev.hoist.runtime.snapshot;

import dev.hoist.cache.fs.TreeRemover;
import dev.hoist.runtime.userns.UserNamespace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A kernel overlayfs snapshot: the lower layers stacked read-only under an empty upper folder
 * (named by short links {@code l/0}, {@code l/1}... so that many layers fit the mount options).
 * After the run the upper folder is the diff: 0/0 character devices are deletions, {@code
 * user.overlay.opaque=y} marks replaced folders. A snapshot whose diff came out empty is offered
 * back to its {@link Snapshotter} on close, to serve the next run over the same layers.
 */
public final class OverlaySnapshot implements Snapshot {
  private final LowerStack lowers;
  private final Path dir;
  private final OverlayMount mount;
  private final UserNamespace userns;
  private final Consumer<Process> removals;
  private final Predicate<OverlaySnapshot> recycler;
  private boolean unchanged;

  OverlaySnapshot(LowerStack lowers, Path dir, Path emptyLower, UserNamespace userns, Consumer<Process> removals,
      Predicate<OverlaySnapshot> recycler) throws IOException {
    this.removals = removals;
    this.recycler = recycler;
    this.lowers = lowers;
    this.dir = dir;
    this.userns = userns;
    Path upper = Files.createDirectory(dir.resolve("upper"));
    Path work = Files.createDirectory(dir.resolve("work"));
    Path merged = Files.createDirectory(dir.resolve("merged"));
    List<Path> top = lowers.layers().isEmpty() ? List.of(emptyLower) : lowers.topFirst();
    Path links = Files.createDirectory(dir.resolve("l"));
    List<Path> shortNames = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      Files.createSymbolicLink(links.resolve(Integer.toString(i)), top.get(i).toAbsolutePath());
      shortNames.add(Path.of("l", Integer.toString(i)));
    }
    this.mount = new OverlayMount(shortNames, upper, work, merged, dir);
  }

  @Override
  public Path rootfs() {
    return mount.target();
  }

  @Override
  public Optional<OverlayMount> overlay() {
    return Optional.of(mount);
  }

  @Override
  public LowerStack lowers() {
    return lowers;
  }

  /** The upper folder: everything the run wrote. */
  public Path upper() {
    return mount.upper();
  }

  @Override
  public Diff diff(Collection<String> mountTargets) throws IOException {
    Path upper = mount.upper();
    List<DiffEntry> entries = new ArrayList<>();
    Files.walkFileTree(upper, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (!d.equals(upper)) {
          String rel = upper.relativize(d).toString();
          entries.add(new DiffEntry.Upsert(rel));
          if (OverlayXattrs.isOpaque(d)) {
            entries.add(new DiffEntry.OpaqueDir(rel));
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        String rel = upper.relativize(f).toString();
        boolean whiteout = FileStat.of(f).map(FileStat::isWhiteout).orElse(false);
        entries.add(whiteout ? new DiffEntry.Whiteout(rel) : new DiffEntry.Upsert(rel));
        return FileVisitResult.CONTINUE;
      }
    });
    Collections.sort(entries);
    Diff diff = new Diff(upper, MountStubs.prune(entries, upper, lowers, mountTargets), userns.mapping());
    unchanged = diff.isEmpty();
    return diff;
  }

  /**
   * Empties the upper folder (which holds only the mount points the last run's runtime made, or
   * nothing) so that the snapshot is as new; false when that cannot be done from this process.
   */
  boolean reset() {
    Path upper = mount.upper();
    try {
      TreeRemover.delete(upper);
      Files.createDirectory(upper);
      unchanged = false;
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    if (unchanged && recycler.test(this)) {
      return;
    }
    delete();
  }

  /** Starts removing the snapshot's folders. */
  void delete() throws IOException {
    new TreeCommands(userns).deleteInBackground(dir).ifPresent(removals);
  }
}
