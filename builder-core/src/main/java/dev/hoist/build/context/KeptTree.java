package dev.hoist.build.context;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file or folder of the build context as BuildKit sends it, after {@code .dockerignore}: the
 * paths below {@code dir} that are kept (absolute, sorted, {@code dir} itself first), and whether
 * anything under it was left out. A left-out folder is not walked when no {@code !} pattern could
 * bring back anything in it; one that could is kept only as the parent of what comes back.
 * Symlinks are listed as themselves, never followed.
 */
public record KeptTree(Path dir, List<Path> paths, boolean filtered) {
  public KeptTree {
    paths = List.copyOf(paths);
  }

  /**
   * The kept tree at {@code relative} (already resolved with {@link ContextPath}) in {@code context};
   * empty when nothing is there once ignored files are left out.
   */
  public static Optional<KeptTree> of(SourceTree context, String relative) throws IOException {
    Path dir = relative.isEmpty() ? context.root() : context.root().resolve(relative);
    Optional<BasicFileAttributes> top = lstat(dir);
    if (top.isEmpty()) {
      return Optional.empty();
    }
    boolean ignored = context.ignored(relative);
    if (!top.get().isDirectory()) {
      return ignored ? Optional.empty() : Optional.of(new KeptTree(dir, List.of(dir), false));
    }
    if (ignored && context.ignore().canSkipDirectory(relative)) {
      return Optional.empty();
    }
    Walk walk = new Walk(context);
    walk.out.add(dir);
    walk.children(dir, relative);
    if (ignored && walk.out.size() == 1) {
      return Optional.empty();
    }
    walk.out.sort(null);
    return Optional.of(new KeptTree(dir, walk.out, ignored || walk.filtered));
  }

  /** The walk's state: what is kept so far and whether anything was left out. */
  private static final class Walk {
    private final SourceTree context;
    private final List<Path> out = new ArrayList<>();
    private boolean filtered;

    Walk(SourceTree context) {
      this.context = context;
    }

    void children(Path dir, String relative) throws IOException {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path child : ds) {
          String rel = relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName();
          Optional<BasicFileAttributes> a = lstat(child);
          if (a.isEmpty()) {
            continue;
          }
          boolean ignored = context.ignored(rel);
          filtered |= ignored;
          if (!a.get().isDirectory()) {
            if (!ignored) {
              out.add(child);
            }
          } else if (!ignored || !context.ignore().canSkipDirectory(rel)) {
            int at = out.size();
            out.add(child);
            children(child, rel);
            if (ignored && out.size() == at + 1) {
              out.remove(at);
            }
          }
        }
      }
    }
  }

  private static Optional<BasicFileAttributes> lstat(Path p) throws IOException {
    try {
      return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (AccessDeniedException e) {
      throw e;
    } catch (FileSystemException e) {
      return Optional.empty();
    }
  }
}
