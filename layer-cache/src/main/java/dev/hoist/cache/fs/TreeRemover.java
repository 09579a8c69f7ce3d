package dev.hoist.cache.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes a file tree. Symlinks are never followed: a link is deleted as itself, so the walk never
 * leaves the tree. A directory without owner read, write or search permission (a RUN's {@code chmod
 * 0555}, a rootless unpack) gets them back before its children are deleted. Nothing at the path is
 * not an error; any other failure is an {@link IOException} naming the path that could not be
 * deleted. The walk keeps its own stack, so a deep tree cannot overflow the thread's.
 */
public final class TreeRemover {
  private static final Set<PosixFilePermission> OWNER_ALL =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private TreeRemover() {}

  /** A directory still to be emptied ({@code emptied} false) or, once its children are gone, to be deleted. */
  private record Pending(Path dir, PosixFileAttributes attrs, boolean emptied) {}

  /** Deletes {@code path}: a file or link, or a directory and everything under it. */
  public static void delete(Path path) throws IOException {
    Path abs = path.toAbsolutePath().normalize();
    if (abs.getParent() == null) {
      throw new IOException("cannot delete " + abs + ": refusing to delete a file system root");
    }
    Optional<PosixFileAttributes> top = lstat(abs);
    if (top.isEmpty()) {
      return;
    }
    if (!top.get().isDirectory()) {
      remove(abs);
      return;
    }
    Deque<Pending> stack = new ArrayDeque<>();
    stack.push(new Pending(abs, top.get(), false));
    while (!stack.isEmpty()) {
      Pending p = stack.pop();
      if (p.emptied()) {
        remove(p.dir());
        continue;
      }
      allowChanges(p.dir(), p.attrs());
      DirectoryStream<Path> children;
      try {
        children = Files.newDirectoryStream(p.dir());
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        throw failure(p.dir(), e);
      }
      stack.push(new Pending(p.dir(), p.attrs(), true));
      try (children) {
        for (Path child : children) {
          Optional<PosixFileAttributes> a = lstat(child);
          if (a.isPresent() && a.get().isDirectory()) {
            stack.push(new Pending(child, a.get(), false));
          } else if (a.isPresent()) {
            remove(child);
          }
        }
      } catch (DirectoryIteratorException e) {
        throw failure(p.dir(), e.getCause());
      }
    }
  }

  private static void allowChanges(Path dir, PosixFileAttributes attrs) throws IOException {
    if (attrs.permissions().containsAll(OWNER_ALL)) {
      return;
    }
    Set<PosixFilePermission> mode = EnumSet.copyOf(OWNER_ALL);
    mode.addAll(attrs.permissions());
    try {
      Files.setPosixFilePermissions(dir, mode);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw failure(dir, e);
    }
  }

  private static void remove(Path p) throws IOException {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw failure(p, e);
    }
  }

  private static Optional<PosixFileAttributes> lstat(Path p) throws IOException {
    try {
      return Optional.of(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure(p, e);
    }
  }

  private static IOException failure(Path p, IOException e) {
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof DirectoryNotEmptyException) {
      reason = "directory not empty";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      reason = f.getReason();
    } else {
      reason = e.toString();
    }
    return new IOException("cannot delete " + p + ": " + reason, e);
  }
}
