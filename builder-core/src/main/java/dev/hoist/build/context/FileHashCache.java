package dev.hoist.build.context;

import dev.hoist.oci.Digest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sha256 of context files, remembered by path, size, mtime and inode, so a rebuild hashes only
 * files that changed. Kept in one text file per context directory; a damaged file is ignored.
 */
public final class FileHashCache {
  private static final int SHA256_TEXT_LENGTH = "sha256:".length() + 64;
  private final Path file;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile boolean dirty;
  private final java.util.concurrent.atomic.AtomicLong hashed = new java.util.concurrent.atomic.AtomicLong();

  /** {@code digest} is kept as text: parsing (and validating) 2,000 digests was a visible part of a warm rebuild. */
  private record Entry(long size, long mtimeNanos, String inode, String digest) {}

  private FileHashCache(Path file) {
    this.file = file;
  }

  /** The cache kept in {@code file} (read now if it exists). */
  public static FileHashCache open(Path file) {
    FileHashCache c = new FileHashCache(file);
    if (Files.isRegularFile(file)) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line; (line = r.readLine()) != null; ) {
          String[] f = line.split("\t", 5);
          if (f.length == 5 && f[3].length() == SHA256_TEXT_LENGTH && f[3].startsWith("sha256:")) {
            c.entries.put(f[4], new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3]));
          }
        }
      } catch (IOException | RuntimeException e) {
        c.entries.clear();
      }
    }
    return c;
  }

  /** A cache that remembers nothing on disk. */
  public static FileHashCache inMemory() {
    return new FileHashCache(null);
  }

  /** The digest of the regular file {@code path}, read only if its size, mtime or inode changed. */
  public Digest digest(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return digest(path, new Stamp(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
        String.valueOf(a.fileKey())));
  }

  /** What identifies a file's version without reading it: size, mtime (ns) and inode. */
  public record Stamp(long size, long mtimeNanos, String inode) {}

  /** The digest of {@code path}, whose stamp the caller just read; read only if the stamp is new. */
  public Digest digest(Path path, Stamp stamp) throws IOException {
    return Digest.parse(digestText(path, stamp));
  }

  /** {@link #digest(Path, Stamp)} as {@code sha256:<hex>} text, as cache keys use it. */
  public String digestText(Path path, Stamp stamp) throws IOException {
    String key = path.toString();
    long mtime = stamp.mtimeNanos();
    String inode = stamp.inode();
    Entry e = entries.get(key);
    if (e != null && e.size == stamp.size() && e.mtimeNanos == mtime && e.inode.equals(inode)) {
      return e.digest;
    }
    String d;
    try (InputStream in = Files.newInputStream(path)) {
      d = Digest.sha256(in).toString();
    }
    hashed.incrementAndGet();
    entries.put(key, new Entry(stamp.size(), mtime, inode, d));
    dirty = true;
    return d;
  }

  /** How many files this cache had to read since it was opened. */
  public long filesHashed() {
    return hashed.get();
  }

  /** Writes the cache back if anything changed. */
  public void save() throws IOException {
    if (file == null || !dirty) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".hashes", ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Entry> en : entries.entrySet()) {
        Entry e = en.getValue();
        w.write(e.size + "\t" + e.mtimeNanos + "\t" + e.inode + "\t" + e.digest + "\t" + en.getKey() + "\n");
      }
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    dirty = false;
  }
}
