package dev.hoist.cache.layer;

import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.xattr.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a directory tree depth-first, children sorted by name, and turns each file into a {@link
 * TarEntry}: type, permission bits (with setuid/setgid/sticky), uid/gid, mtime, symlink target,
 * device numbers, extended attributes of every namespace ({@link Xattrs}; binary values such as
 * {@code security.capability} kept byte for byte, {@code security.selinux} left out), and hard links (a later path with the same
 * inode becomes a link to the first). Symlinks are never followed. Sockets are skipped.
 */
public final class DirectoryTree {
  private static final Xattrs XATTRS = Xattrs.system();
  private static final String SELINUX = "security.selinux";
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  /** Receives each entry with its content (for regular files). */
  @FunctionalInterface
  public interface Visitor {
    void visit(TarEntry entry, Path source) throws IOException;
  }

  private final Map<String, String> firstByInode = new HashMap<>();

  private DirectoryTree() {}

  /**
   * A describer of single paths, for layers made of chosen paths (a run's diff) rather than a
   * whole tree; a later path with the inode of one described before becomes a hard link to it.
   */
  public static DirectoryTree describer() {
    return new DirectoryTree();
  }

  /** The tar entry for {@code p} named {@code name}, or empty for a socket. */
  public java.util.Optional<TarEntry> entry(Path p, String name) throws IOException {
    return java.util.Optional.ofNullable(describe(p, name));
  }

  /** Visits every path below {@code root} (not {@code root} itself), named {@code prefix}/relative. */
  public static void walk(Path root, String prefix, Visitor visitor) throws IOException {
    new DirectoryTree().walkDir(root, TarEntry.normalise(prefix), visitor);
  }

  private void walkDir(Path dir, String prefix, Visitor visitor) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path child : children) {
      String name = prefix.isEmpty() ? child.getFileName().toString() : prefix + "/" + child.getFileName();
      TarEntry entry = describe(child, name);
      if (entry == null) {
        continue;
      }
      visitor.visit(entry, child);
      if (entry.type() == EntryType.DIRECTORY) {
        walkDir(child, name, visitor);
      }
    }
  }

  /** The tar entry for one path, or null for a socket. */
  private TarEntry describe(Path p, String name) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev",
        LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    long uid = ((Number) a.get("uid")).longValue();
    long gid = ((Number) a.get("gid")).longValue();
    long mtime = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
    int fmt = mode & S_IFMT;
    int perm = mode & 07777;
    if (fmt == S_IFSOCK) {
      return null;
    }
    Map<String, byte[]> xattrs = fmt == S_IFLNK ? Map.of() : xattrs(p);
    if (fmt != S_IFDIR && ((Number) a.get("nlink")).intValue() > 1) {
      String key = a.get("dev") + ":" + a.get("ino");
      String first = firstByInode.putIfAbsent(key, name);
      if (first != null) {
        return TarEntry.hardlink(name, first).withMode(perm).withOwner(uid, gid).withMtime(mtime);
      }
    }
    TarEntry e = switch (fmt) {
      case S_IFDIR -> TarEntry.directory(name);
      case S_IFREG -> TarEntry.file(name, ((Number) a.get("size")).longValue());
      case S_IFLNK -> TarEntry.symlink(name, Files.readSymbolicLink(p).toString());
      case S_IFIFO -> TarEntry.fifo(name);
      case S_IFCHR, S_IFBLK -> {
        long rdev = ((Number) a.get("rdev")).longValue();
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        yield TarEntry.device(name, fmt == S_IFCHR ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE, major, minor);
      }
      default -> throw new IOException("unsupported file type " + Integer.toOctalString(fmt) + " at " + p);
    };
    return e.withMode(perm).withOwner(uid, gid).withMtime(mtime).withXattrs(xattrs);
  }

  /** The path's xattrs of every namespace but {@code security.selinux}, the host's label, not the image's. */
  /**
   * The extended attributes a layer records for {@code p} (not followed if a symlink): every
   * namespace, binary values byte for byte, except {@code security.selinux}, the host's label.
   */
  public static Map<String, byte[]> xattrs(Path p) throws IOException {
    Map<String, byte[]> all = XATTRS.readAll(p);
    all.remove(SELINUX);
    return all;
  }

  /** Opens a regular file's content. */
  static InputStream open(Path p) throws IOException {
    return Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
  }
}
