package dev.hoist.runtime.snapshot;

import dev.hoist.cache.layer.DirectoryTree;
import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link Diff} as an OCI layer into a {@link LayerSink}: each {@link DiffEntry.Upsert}
 * as the file it is (owners mapped back to container ids, xattrs of every namespace but
 * {@code security.selinux}, overlayfs' and hoist's own, hard links kept), a {@link DiffEntry.OpaqueDir} as {@code
 * <dir>/.wh..wh..opq} right after its folder, a {@link DiffEntry.Whiteout} as {@code .wh.<name>}.
 */
public final class DiffLayerWriter {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  private DiffLayerWriter() {}

  /** Adds every entry of {@code diff} to {@code sink} and finishes the layer. */
  public static Layer write(Diff diff, LayerSink sink) throws IOException {
    Map<String, String> firstByInode = new HashMap<>();
    for (DiffEntry e : diff.entries()) {
      if (e instanceof DiffEntry.Whiteout) {
        sink.add(TarEntry.whiteout(e.path()));
      } else if (e instanceof DiffEntry.OpaqueDir) {
        sink.add(TarEntry.opaque(e.path()));
      } else {
        addUpsert(diff, e.path(), sink, firstByInode);
      }
    }
    return sink.finish();
  }

  private static void addUpsert(Diff diff, String name, LayerSink sink, Map<String, String> firstByInode)
      throws IOException {
    Path p = diff.root().resolve(name);
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev",
        LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int fmt = mode & S_IFMT;
    long uid = diff.idMapping().containerUid(((Number) a.get("uid")).longValue());
    long gid = diff.idMapping().containerGid(((Number) a.get("gid")).longValue());
    long mtime = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
    if (fmt != S_IFDIR && ((Number) a.get("nlink")).intValue() > 1) {
      String first = firstByInode.putIfAbsent(a.get("dev") + ":" + a.get("ino"), name);
      if (first != null) {
        sink.add(TarEntry.hardlink(name, first).withMode(mode & 07777).withOwner(uid, gid).withMtime(mtime));
        return;
      }
    }
    TarEntry e;
    switch (fmt) {
      case S_IFDIR -> e = TarEntry.directory(name);
      case S_IFREG -> e = TarEntry.file(name, ((Number) a.get("size")).longValue());
      case S_IFLNK -> e = TarEntry.symlink(name, Files.readSymbolicLink(p).toString());
      case S_IFIFO -> e = TarEntry.fifo(name);
      case S_IFCHR, S_IFBLK -> {
        long rdev = ((Number) a.get("rdev")).longValue();
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        e = TarEntry.device(name, fmt == S_IFCHR ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE, major, minor);
      }
      default -> {
        return;
      }
    }
    e = e.withMode(mode & 07777).withOwner(uid, gid).withMtime(mtime)
        .withXattrs(fmt == S_IFLNK ? Map.of() : imageXattrs(p));
    if (fmt == S_IFREG) {
      try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
        sink.add(e, in);
      }
    } else {
      sink.add(e);
    }
  }

  private static Map<String, byte[]> imageXattrs(Path p) throws IOException {
    Map<String, byte[]> out = DirectoryTree.xattrs(p);
    out.keySet().removeIf(Diff::isInternalXattr);
    return out;
  }
}
