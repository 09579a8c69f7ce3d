package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The lower layers of a snapshot, base first, each a directory in overlay form (whiteouts as 0/0
 * character devices, opaque directories marked {@code user.overlay.opaque=y}). Answers what the
 * merged view holds at a path without mounting anything.
 */
public record LowerStack(List<Path> layers) {
  public LowerStack {
    layers = List.copyOf(layers);
  }

  /** The file that the merged view shows at {@code path} (relative), if any. */
  public Optional<Path> find(String path) throws IOException {
    String[] parts = path.isEmpty() ? new String[0] : path.split("/");
    for (int i = layers.size() - 1; i >= 0; i--) {
      Path layer = layers.get(i);
      Path p = layer;
      boolean stop = false;
      for (int k = 0; k < parts.length; k++) {
        p = p.resolve(parts[k]);
        Optional<FileStat> st = FileStat.of(p);
        if (st.isEmpty()) {
          break;
        }
        if (st.get().isWhiteout()) {
          return Optional.empty();
        }
        if (k == parts.length - 1) {
          return Optional.of(p);
        }
        if (!st.get().isDirectory()) {
          break;
        }
        if (OverlayXattrs.isOpaque(p)) {
          stop = true;
        }
      }
      if (parts.length == 0) {
        return Optional.of(layer);
      }
      if (stop && FileStat.of(layer.resolve(path)).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a small text file of the merged view ({@code etc/passwd}), following symlinks inside the
   * stack, never outside it. Empty when missing.
   */
  public Optional<String> readText(String path) throws IOException {
    Optional<Path> p = resolve(path);
    if (p.isEmpty() || !Files.isRegularFile(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(p.get(), StandardCharsets.UTF_8));
  }

  /**
   * The file the merged view shows at {@code path} with every symlink on the way (a {@code /bin ->
   * usr/bin} parent too) followed inside the stack, never outside it; {@code ..} stops at the root.
   * Empty when missing or after 40 links, Linux's limit.
   */
  public Optional<Path> resolve(String path) throws IOException {
    Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
    List<String> done = new ArrayList<>();
    int hops = 0;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      List<String> next = new ArrayList<>(done);
      next.add(part);
      Optional<Path> found = find(String.join("/", next));
      if (found.isEmpty()) {
        return Optional.empty();
      }
      if (!Files.isSymbolicLink(found.get())) {
        done = next;
        continue;
      }
      if (++hops > 40) {
        return Optional.empty();
      }
      String target = Files.readSymbolicLink(found.get()).toString();
      if (target.startsWith("/")) {
        done.clear();
      }
      List<String> parts = List.of(target.split("/"));
      for (int i = parts.size() - 1; i >= 0; i--) {
        todo.addFirst(parts.get(i));
      }
    }
    return find(String.join("/", done));
  }

  /** Overlay's lowerdir list: top layer first. */
  List<Path> topFirst() {
    List<Path> l = new ArrayList<>(layers);
    Collections.reverse(l);
    return l;
  }

  static String normalise(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else {
        out.add(part);
      }
    }
    return String.join("/", out);
  }
}
