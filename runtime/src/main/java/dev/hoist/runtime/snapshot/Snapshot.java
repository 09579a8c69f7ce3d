package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * A writable root filesystem over a {@link LowerStack}, ready for one run. After the run, {@link
 * #diff} lists what changed; {@link #close} removes the snapshot's private folders.
 */
public sealed interface Snapshot extends AutoCloseable permits OverlaySnapshot, CopySnapshot {
  /** The directory a runtime uses as the container's root. */
  Path rootfs();

  /** The overlay mount the runner must set up in its mount namespace before starting the runtime. */
  Optional<OverlayMount> overlay();

  LowerStack lowers();

  /**
   * What the run changed. {@code mountTargets} are the container paths the runtime mounted over;
   * the empty files and folders it created for them (and that the lower layers lack) are left out.
   */
  Diff diff(Collection<String> mountTargets) throws IOException;

  @Override
  void close() throws IOException;
}
