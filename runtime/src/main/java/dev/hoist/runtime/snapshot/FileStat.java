package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/** The lstat(2) fields snapshots compare. */
record FileStat(int mode, int uid, int gid, long rdev, long inode, long ctimeNanos, long size) {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFLNK = 0120000;

  static Optional<FileStat> of(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,ino,ctime,size", LinkOption.NOFOLLOW_LINKS);
    FileTime ctime = (FileTime) a.get("ctime");
    long nanos = ctime.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    return Optional.of(new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
        (Long) a.get("rdev"), (Long) a.get("ino"), nanos, (Long) a.get("size")));
  }

  boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  boolean isSymlink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  /** An overlayfs whiteout: a character device with device number 0/0. */
  boolean isWhiteout() {
    return (mode & S_IFMT) == S_IFCHR && rdev == 0;
  }

  int permissions() {
    return mode & 07777;
  }
}
