package dev.hoist.build.context;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A file or folder of the build context as BuildKit sends it, after {@code .dockerignore}: the
 * entries below {@code dir} that are kept (sorted, {@code dir} itself first), each as the context's
 * {@link FileTree} stat'ed it, and whether anything under it was left out. A left-out folder is not
 * walked when no {@code !} pattern could bring back anything in it; one that could is kept only as
 * the parent of what comes back. Symlinks are listed as themselves, never followed.
 */
public record KeptTree(Path dir, List<Entry> entries, boolean filtered) {
  public KeptTree {
    entries = List.copyOf(entries);
  }

  /** One kept file or folder: its path below {@code dir} ("" for {@code dir} itself) and what it is. */
  public record Entry(String path, FileInfo info) {}

  /** Where {@code entry} is on disk. */
  public Path file(Entry entry) {
    return dir.resolve(entry.path());
  }

  /**
   * The kept tree at {@code relative} (already resolved with {@link ContextPath}) in {@code context};
   * empty when nothing is there once ignored files are left out.
   */
  public static Optional<KeptTree> of(SourceTree context, String relative) throws IOException {
    Path dir = relative.isEmpty() ? context.root() : context.root().resolve(relative);
    Optional<FileInfo> top = context.files().stat(relative);
    boolean ignored = context.ignored(relative);
    if (top.isEmpty() || context.skips(relative, top.get(), ignored)) {
      return Optional.empty();
    }
    Walk walk = new Walk(context);
    walk.out.add(new Entry("", top.get()));
    if (top.get().kind() == FileInfo.Kind.DIRECTORY) {
      walk.children(relative, "");
      if (ignored && walk.out.size() == 1) {
        return Optional.empty();
      }
    }
    walk.out.sort(Comparator.comparing(Entry::path));
    return Optional.of(new KeptTree(dir, walk.out, ignored || walk.filtered));
  }

  /** The walk's state: what is kept so far and whether anything was left out. */
  private static final class Walk {
    private final SourceTree context;
    private final List<Entry> out = new ArrayList<>();
    private boolean filtered;

    Walk(SourceTree context) {
      this.context = context;
    }

    /** Walks the folder at {@code relative} in the context, which is {@code below} in the kept tree. */
    void children(String relative, String below) throws IOException {
      for (String name : context.files().list(relative)) {
        String rel = relative.isEmpty() ? name : relative + "/" + name;
        Optional<FileInfo> child = context.files().stat(rel);
        if (child.isEmpty()) {
          continue;
        }
        boolean ignored = context.ignored(rel);
        filtered |= ignored;
        if (context.skips(rel, child.get(), ignored)) {
          continue;
        }
        Entry kept = new Entry(below.isEmpty() ? name : below + "/" + name, child.get());
        int at = out.size();
        out.add(kept);
        if (child.get().kind() == FileInfo.Kind.DIRECTORY) {
          children(rel, kept.path());
          if (ignored && out.size() == at + 1) {
            out.remove(at);
          }
        }
      }
    }
  }
}
