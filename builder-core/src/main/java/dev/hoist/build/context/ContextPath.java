package dev.hoist.build.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path inside a root directory as if the root were {@code /}: {@code ..} stops at the
 * root and symlinks (absolute or relative) are followed inside it, so no path ever leads outside.
 */
public final class ContextPath {
  private static final int MAX_LINKS = 255;

  private ContextPath() {}

  /** The cleaned, '/'-separated path relative to the root ("" for the root itself). */
  public static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String s : path.replace('\\', '/').split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(s);
      }
    }
    return String.join("/", parts);
  }

  /**
   * {@code relative} resolved under {@code root}, following symlinks in every component
   * ({@code followLast} says whether a symlink in the last one is followed too), clamped to root.
   * Returns the resolved path relative to the root.
   */
  public static String resolve(Path root, String relative, boolean followLast) throws IOException {
    return resolve(new DiskFileTree(root), relative, followLast);
  }

  /** {@link #resolve(Path, String, boolean)} inside any {@link FileTree}. */
  public static String resolve(FileTree tree, String relative, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(List.of(clean(relative).split("/")));
    todo.removeIf(String::isEmpty);
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      if (part.equals(".") || part.isEmpty()) {
        continue;
      }
      boolean last = todo.isEmpty();
      if (!last || followLast) {
        done.add(part);
        Optional<FileInfo> here = tree.stat(String.join("/", done));
        done.remove(done.size() - 1);
        if (here.isPresent() && here.get().kind() == FileInfo.Kind.SYMLINK) {
          if (++links > MAX_LINKS) {
            throw new IOException("too many levels of symbolic links: " + relative);
          }
          String target = here.get().linkTarget();
          if (target.startsWith("/")) {
            done.clear();
          }
          List<String> parts = new ArrayList<>(List.of(target.split("/")));
          java.util.Collections.reverse(parts);
          parts.forEach(todo::push);
          continue;
        }
      }
      done.add(part);
    }
    return String.join("/", done);
  }

  /** Whether {@code relative} (already resolved) exists under root without following a last symlink. */
  public static boolean exists(Path root, String relative) {
    return Files.exists(root.resolve(relative.isEmpty() ? "." : relative), LinkOption.NOFOLLOW_LINKS);
  }
}
