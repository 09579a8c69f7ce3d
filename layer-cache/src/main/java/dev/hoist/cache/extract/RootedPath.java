package dev.hoist.cache.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves tar paths inside an extraction root one component at a time, never following a
 * symlink the OS way: every component is {@code lstat}ed; a symlink on the way is resolved by
 * hand <em>relative to the root</em> (an absolute target starts again at the root, {@code ..}
 * stops at the root), as containerd does, so whatever the links say the result stays inside the
 * root. The last component is never followed. Every directory returned was seen to be a real
 * directory, not a link.
 */
final class RootedPath {
  private static final int MAX_SYMLINKS = 40;
  private final Path root;

  RootedPath(Path root) {
    this.root = root;
  }

  /** Components of a tar entry name; refuses {@code ..} and empty names. */
  static List<String> components(String entryName, String original) {
    List<String> parts = new ArrayList<>();
    for (String part : entryName.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new UnsafeEntryException(original, "'..' in a path is not allowed");
      }
      if (part.indexOf('\0') >= 0) {
        throw new UnsafeEntryException(original, "NUL in a path");
      }
      parts.add(part);
    }
    return parts;
  }

  /**
   * The real directory that holds the last component of {@code parts}, creating missing parents
   * (mode 0755) when {@code create}; empty if a parent is missing and not {@code create}.
   */
  Optional<Path> parent(List<String> parts, boolean create, String entry) throws IOException {
    return directory(parts.subList(0, parts.size() - 1), create, entry);
  }

  /** The real directory named by {@code parts}, resolved inside the root. */
  Optional<Path> directory(List<String> parts, boolean create, String entry) throws IOException {
    Deque<String> todo = new ArrayDeque<>(parts);
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path here = join(resolved).resolve(c);
      Optional<BasicFileAttributes> attrs = lstat(here);
      if (attrs.isEmpty()) {
        if (!create) {
          return Optional.empty();
        }
        Files.createDirectory(here);
        resolved.add(c);
      } else if (attrs.get().isDirectory()) {
        resolved.add(c);
      } else if (attrs.get().isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) {
          throw new UnsafeEntryException(entry, "too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(here).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        String[] tparts = target.split("/");
        for (int i = tparts.length - 1; i >= 0; i--) {
          todo.addFirst(tparts[i]);
        }
      } else {
        throw new UnsafeEntryException(entry, "'" + String.join("/", resolved) + (resolved.isEmpty() ? "" : "/") + c
            + "' is not a directory");
      }
    }
    return Optional.of(join(resolved));
  }

  private Path join(List<String> resolved) {
    Path p = root;
    for (String r : resolved) {
      p = p.resolve(r);
    }
    return p;
  }

  static Optional<BasicFileAttributes> lstat(Path p) throws IOException {
    try {
      return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
