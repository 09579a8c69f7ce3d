package dev.hoist.runtime.snapshot;

import dev.hoist.runtime.userns.IdMapping;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run changed: {@link DiffEntry entries} sorted by path, the directory that holds the
 * content of every {@link DiffEntry.Upsert}, and the id mapping that turns the owners of those
 * files back into container ids (identity unless the run was rootless).
 *
 * <p>Extended attributes named {@code user.overlay.*} or {@code trusted.overlay.*} (overlayfs'
 * bookkeeping) and {@code user.hoist.*} (the copy snapshotter's) are not the image's: {@link
 * #isInternalXattr} tells a layer writer to leave them out.
 */
public record Diff(Path root, List<DiffEntry> entries, IdMapping idMapping) {
  public Diff {
    entries = List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether an extended attribute is overlayfs' own and must not reach a layer. */
  public static boolean isInternalXattr(String name) {
    return name.startsWith("user.overlay.") || name.startsWith("trusted.overlay.") || name.startsWith("user.hoist.");
  }

  /** Where the content of {@code entry} lies on disk. */
  public Path resolve(DiffEntry entry) {
    return entry.path().isEmpty() ? root : root.resolve(entry.path());
  }
}
