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
  private volatile Parsed parsed;

  /**
   * The entries as parsed from the file in the state {@code stamp} names, and by the value of
   * each annotation asked about: a build looks up its step cache once per step, and parsing an
   * index of thousands of entries each time cost more than the rest of a warm build.
   */
  private record Parsed(Map<String, Object> stamp, List<Descriptor> entries,
      Map<String, Map<String, Descriptor>> byAnnotation) {
    Map<String, Descriptor> by(String annotation) {
      return byAnnotation.computeIfAbsent(annotation, a -> {
        Map<String, Descriptor> out = new HashMap<>();
        for (Descriptor d : entries) {
          String v = d.annotations().get(a);
          if (v != null) {
            out.putIfAbsent(v, d);
          }
        }
        return out;
      });
    }
  }

  StoreIndex(Path home) {
    this.home = home;
    this.file = home.resolve("index.json");
  }

  /**
   * The entries, for lookups: the last parse is reused while the file's inode, size, mtime and
   * ctime stay the same (every write replaces the file by a rename, so a change gives a new inode
   * or at least a new ctime). Changes read the file afresh under the lock instead.
   */
  List<Descriptor> read() throws IOException {
    return current().map(Parsed::entries).orElse(List.of());
  }

  /** The entry whose {@code annotation} is {@code value}, as {@link #read} sees the entries. */
  Optional<Descriptor> find(String annotation, String value) throws IOException {
    return current().map(p -> p.by(annotation).get(value));
  }

  private Optional<Parsed> current() throws IOException {
    Map<String, Object> stamp;
    try {
      stamp = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Parsed known = parsed;
    if (known == null || !known.stamp().equals(stamp)) {
      known = new Parsed(stamp, readFresh(), new ConcurrentHashMap<>());
      parsed = known;
    }
    return Optional.of(known);
  }

  /** The entries as the file holds them now; what every change under the lock starts from. */
  List<Descriptor> readFresh() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return ImageIndex.parse(Files.readAllBytes(file), file.toString()).manifests();
  }

  /** Applies {@code change} to the entries under the lock and writes the result; returns it. */
  List<Descriptor> update(UnaryOperator<List<Descriptor>> change) throws IOException {
    return locked(() -> {
      List<Descriptor> before = readFresh();
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
