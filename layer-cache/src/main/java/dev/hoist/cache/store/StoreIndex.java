package dev.hoist.cache.store;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The layout's {@code index.json}, updated under an exclusive lock on {@code .lock} (a file lock
 * between processes, a {@link ReentrantLock} between threads of one JVM) and replaced atomically:
 * written to a temp file, fsynced, renamed over the old one.
 */
final class StoreIndex {
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path home;
  private final Path file;
  private volatile Lookup lookup;

  /**
   * The entries by one annotation's value, as parsed from the file in the state {@code stamp}
   * names: a build looks up its step cache once per step, and parsing an index of thousands of
   * entries each time cost more than the rest of a warm build.
   */
  private record Lookup(String annotation, Map<String, Object> stamp, Map<String, Descriptor> entries) {}

  StoreIndex(Path home) {
    this.home = home;
    this.file = home.resolve("index.json");
  }

  List<Descriptor> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return ImageIndex.parse(Files.readAllBytes(file), file.toString()).manifests();
  }

  /**
   * The entry whose {@code annotation} is {@code value}. The parse is reused while the file's
   * inode, size, mtime and ctime stay the same (every write replaces the file by a rename, so a
   * change gives a new inode or at least a new ctime); updates always read the file afresh.
   */
  Optional<Descriptor> find(String annotation, String value) throws IOException {
    Map<String, Object> stamp;
    try {
      stamp = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Lookup known = lookup;
    if (known == null || !known.annotation().equals(annotation) || !known.stamp().equals(stamp)) {
      Map<String, Descriptor> entries = new HashMap<>();
      for (Descriptor d : read()) {
        String v = d.annotations().get(annotation);
        if (v != null) {
          entries.putIfAbsent(v, d);
        }
      }
      known = new Lookup(annotation, stamp, entries);
      lookup = known;
    }
    return Optional.ofNullable(known.entries().get(value));
  }

  /** Applies {@code change} to the entries under the lock and writes the result; returns it. */
  List<Descriptor> update(UnaryOperator<List<Descriptor>> change) throws IOException {
    return locked(() -> {
      List<Descriptor> before = read();
      List<Descriptor> after = change.apply(before);
      if (!after.equals(before)) {
        write(after);
      }
      return after;
    });
  }

  <T> T locked(IoSupplier<T> action) throws IOException {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(home.toAbsolutePath().normalize(), p -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      return action.get();
    } finally {
      jvmLock.unlock();
    }
  }

  private void write(List<Descriptor> entries) throws IOException {
    byte[] json = ImageIndex.oci(entries, null).toJson();
    Path temp = Files.createTempFile(home, ".index-", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(json));
        ch.force(true);
      }
      Files.setPosixFilePermissions(temp, LocalStore.READABLE);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FsSync.directory(home);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static byte[] emptyIndex() {
    return Json.write(ImageIndex.oci(List.of(), null));
  }

  /** A supplier that may throw IOException. */
  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws IOException;
  }
}
