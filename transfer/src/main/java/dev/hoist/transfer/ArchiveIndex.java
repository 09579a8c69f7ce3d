package dev.hoist.transfer;

import dev.hoist.cache.io.FileSlice;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.oci.HoistException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The regular files of an uncompressed tar archive, found by one scan of its headers (content is
 * skipped, not read), then opened by seeking to their offset: random access to an image archive
 * without unpacking it.
 */
final class ArchiveIndex {
  private record Slice(long offset, long size) {}

  private final Path archive;
  private final Map<String, Slice> files = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();

  private ArchiveIndex(Path archive) {
    this.archive = archive;
  }

  static ArchiveIndex scan(Path archive) throws IOException {
    ArchiveIndex index = new ArchiveIndex(archive);
    try (CountingStream counting = new CountingStream(new BufferedInputStream(Files.newInputStream(archive), 65536));
        TarReader reader = new TarReader(counting)) {
      for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
        TarEntry entry = e.get();
        if (entry.type() == EntryType.FILE) {
          index.files.put(entry.name(), new Slice(counting.position, entry.size()));
        } else if (entry.type() == EntryType.SYMLINK || entry.type() == EntryType.HARDLINK) {
          index.links.put(entry.name(), entry.linkName());
        }
      }
    }
    return index;
  }

  boolean has(String name) {
    return resolve(name).isPresent();
  }

  long size(String name) {
    return resolve(name).orElseThrow(() -> missing(name)).size();
  }

  InputStream open(String name) throws IOException {
    Slice s = resolve(name).orElseThrow(() -> missing(name));
    return new BufferedInputStream(FileSlice.open(archive, s.offset(), s.size()), 65536);
  }

  byte[] read(String name, String what) throws IOException {
    if (size(name) > 16 * 1024 * 1024) {
      throw new HoistException(what + " in " + archive + " is too large");
    }
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    }
  }

  private Optional<Slice> resolve(String name) {
    String n = TarEntry.normalise(name);
    for (int i = 0; i < 10 && !files.containsKey(n) && links.containsKey(n); i++) {
      String target = links.get(n);
      n = TarEntry.normalise(target.startsWith("/") ? target
          : (n.contains("/") ? n.substring(0, n.lastIndexOf('/') + 1) : "") + target);
    }
    return Optional.ofNullable(files.get(n));
  }

  private HoistException missing(String name) {
    return new HoistException(archive + " has no " + name);
  }

  private static final class CountingStream extends FilterInputStream {
    long position;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        position++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      position += s;
      return s;
    }
  }
}
