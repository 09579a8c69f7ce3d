package dev.hoist.runtime.snapshot;

import dev.hoist.runtime.userns.UserNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes {@link Snapshot}s in a work folder: kernel overlayfs where it mounts (probed once per
 * process, inside the rootless user namespace when not root), else the copy-and-compare fallback.
 * A closed snapshot's folder is removed in the background (on disks mounted with {@code discard}
 * each rmdir costs milliseconds); an overlay snapshot whose run changed nothing is kept instead,
 * emptied, for the next {@link #prepare} over the same layers (a stage's {@code RUN}s that write
 * nothing share one). {@link #close} removes the kept ones and waits for the removals, so close the
 * snapshotter when the build is done.
 */
public final class Snapshotter implements AutoCloseable {
  /** Which kind of snapshot to make. */
  public enum Kind { OVERLAY, COPY }

  private static volatile Boolean overlayWorks;

  private final Kind kind;
  private final Path workRoot;
  private final UserNamespace userns;
  private final List<Process> removals = new ArrayList<>();
  private final Map<LowerStack, Deque<OverlaySnapshot>> idle = new HashMap<>();

  public Snapshotter(Kind kind, Path workRoot, UserNamespace userns) {
    this.kind = kind;
    this.workRoot = workRoot;
    this.userns = userns;
  }

  /** Overlay when this machine can mount it, else copy. */
  public static Snapshotter auto(Path workRoot, UserNamespace userns) throws IOException {
    return new Snapshotter(overlaySupported(workRoot, userns) ? Kind.OVERLAY : Kind.COPY, workRoot, userns);
  }

  public Kind kind() {
    return kind;
  }

  public Snapshot prepare(LowerStack lowers) throws IOException {
    Optional<OverlaySnapshot> kept = takeIdle(lowers);
    if (kept.isPresent()) {
      return kept.get();
    }
    Files.createDirectories(workRoot);
    Path dir = Files.createTempDirectory(workRoot, "snap-");
    try {
      if (kind == Kind.OVERLAY) {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        return new OverlaySnapshot(lowers, dir, empty, userns, this::track, this::keep);
      }
      return new CopySnapshot(lowers, dir, userns, this::track);
    } catch (IOException | RuntimeException e) {
      new TreeCommands(userns).delete(dir);
      throw e;
    }
  }

  private synchronized Optional<OverlaySnapshot> takeIdle(LowerStack lowers) {
    Deque<OverlaySnapshot> kept = idle.get(lowers);
    return kept == null ? Optional.empty() : Optional.ofNullable(kept.poll());
  }

  /** Keeps an unchanged snapshot for reuse; false (the caller removes it) when it cannot be emptied. */
  private boolean keep(OverlaySnapshot snapshot) {
    if (!snapshot.reset()) {
      return false;
    }
    synchronized (this) {
      idle.computeIfAbsent(snapshot.lowers(), k -> new ArrayDeque<>()).push(snapshot);
    }
    return true;
  }

  private synchronized void track(Process removal) {
    removals.removeIf(p -> !p.isAlive());
    removals.add(removal);
  }

  /**
   * Starts removing the kept snapshots and returns at once, like the removal of a closed snapshot
   * (a build that ends need not wait for its folders to go).
   */
  public synchronized void dropKept() {
    IOException failed = null;
    for (Deque<OverlaySnapshot> kept : idle.values()) {
      for (OverlaySnapshot s : kept) {
        try {
          s.delete();
        } catch (IOException e) {
          failed = e;
        }
      }
    }
    idle.clear();
    if (failed != null) {
      throw new UncheckedIOException("cannot remove a kept snapshot: " + failed.getMessage(), failed);
    }
  }

  /** Removes the kept snapshots and waits until the folders of closed snapshots are gone. */
  @Override
  public synchronized void close() {
    dropKept();
    boolean interrupted = false;
    for (Process p : removals) {
      while (true) {
        try {
          p.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    removals.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether overlayfs with {@code userxattr} mounts here, tried for real in a private namespace. */
  public static boolean overlaySupported(Path workRoot, UserNamespace userns) throws IOException {
    Boolean known = overlayWorks;
    if (known != null) {
      return known;
    }
    Files.createDirectories(workRoot);
    Path dir = Files.createTempDirectory(workRoot, "probe-");
    try {
      for (String d : List.of("l", "u", "w", "m")) {
        Files.createDirectory(dir.resolve(d));
      }
      OverlayMount m = new OverlayMount(List.of(dir.resolve("l")), dir.resolve("u"), dir.resolve("w"), dir.resolve("m"), dir);
      List<String> cmd = new ArrayList<>(List.of("unshare"));
      cmd.addAll(userns.unshareArgs());
      cmd.addAll(List.of("--mount", "--", "mount", "-t", "overlay", "overlay", "-o", m.options(), m.target().toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      boolean ok = p.waitFor() == 0;
      overlayWorks = ok;
      return ok;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      new TreeCommands(userns).delete(dir);
    }
  }
}
