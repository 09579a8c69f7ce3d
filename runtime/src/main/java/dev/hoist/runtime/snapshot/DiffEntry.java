package dev.hoist.runtime.snapshot;

/**
 * One change a run made, by path relative to the root ({@code usr/bin/x}, no leading slash). A
 * layer writer adds an {@link Upsert} from {@link Diff#root()}, writes a {@link Whiteout} as
 * {@code .wh.<name>} and an {@link OpaqueDir} as {@code <dir>/.wh..wh..opq}.
 */
public sealed interface DiffEntry extends Comparable<DiffEntry> {
  String path();

  /** A file, directory, link or device that is new or changed; its content is under the root. */
  record Upsert(String path) implements DiffEntry {}

  /** A path of the lower layers that the run deleted. */
  record Whiteout(String path) implements DiffEntry {}

  /** A directory whose lower-layer content the run replaced: nothing below it comes from lower. */
  record OpaqueDir(String path) implements DiffEntry {}

  @Override
  default int compareTo(DiffEntry other) {
    int c = path().compareTo(other.path());
    return c != 0 ? c : Integer.compare(rank(), other.rank());
  }

  private int rank() {
    return this instanceof Upsert ? 0 : this instanceof OpaqueDir ? 1 : 2;
  }
}
