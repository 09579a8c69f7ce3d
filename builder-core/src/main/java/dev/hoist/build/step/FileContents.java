package dev.hoist.build.step;

import dev.hoist.build.context.FileSource;
import dev.hoist.build.context.LayeredFileTree;
import dev.hoist.cache.io.FileSlice;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the bytes of the files a new layer is written from, in the order it lists them. A file on
 * disk is opened as it is. Files inside image layers are read from each layer front to back, once:
 * straight from the tar stream when the layer holds them in the new layer's order, else (another
 * order, or one entry twice through hard links) through a spool file filled in one pass.
 */
final class FileContents implements AutoCloseable {
  private record LayerRef(LayeredFileTree tree, int layer) {}

  private final Map<LayerRef, Sequential> sequential = new HashMap<>();
  private final Map<LayerRef, Spool> spooled = new HashMap<>();

  private FileContents() {}

  /** Plans how to read the contents of {@code entries} (in this order); spool files go in {@code spoolDir}. */
  static FileContents of(List<FileEntry> entries, Path spoolDir) throws IOException {
    Map<LayerRef, List<Long>> wanted = new LinkedHashMap<>();
    for (FileEntry e : entries) {
      if (e.source().orElse(null) instanceof FileSource.InLayer in) {
        wanted.computeIfAbsent(new LayerRef(in.tree(), in.layer()), k -> new ArrayList<>()).add(in.ordinal());
      }
    }
    FileContents contents = new FileContents();
    try {
      for (Map.Entry<LayerRef, List<Long>> w : wanted.entrySet()) {
        if (ascending(w.getValue())) {
          contents.sequential.put(w.getKey(), new Sequential(w.getKey()));
        } else {
          contents.spooled.put(w.getKey(), Spool.fill(w.getKey(), w.getValue(), spoolDir));
        }
      }
      return contents;
    } catch (IOException | RuntimeException e) {
      contents.close();
      throw e;
    }
  }

  /** The whole content of one (small) file entry. */
  static byte[] readAll(FileEntry e) throws IOException {
    try (FileContents contents = of(List.of(e), Path.of(".")); InputStream in = contents.open(e)) {
      return in.readAllBytes();
    }
  }

  /** The content of the file entry {@code e}. */
  InputStream open(FileEntry e) throws IOException {
    FileSource source = e.source().orElseThrow(() -> new IllegalArgumentException(e.name() + " has no source"));
    if (source instanceof FileSource.OnDisk disk) {
      return Files.newInputStream(disk.file());
    }
    FileSource.InLayer in = (FileSource.InLayer) source;
    LayerRef ref = new LayerRef(in.tree(), in.layer());
    Spool spool = spooled.get(ref);
    return spool != null ? spool.open(in.ordinal()) : sequential.get(ref).open(in.ordinal());
  }

  private static boolean ascending(List<Long> ordinals) {
    for (int i = 1; i < ordinals.size(); i++) {
      if (ordinals.get(i) <= ordinals.get(i - 1)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    IOException failed = null;
    for (AutoCloseable c : new ArrayList<AutoCloseable>(sequential.values())) {
      failed = closeQuietly(c, failed);
    }
    for (AutoCloseable c : new ArrayList<AutoCloseable>(spooled.values())) {
      failed = closeQuietly(c, failed);
    }
    if (failed != null) {
      throw failed;
    }
  }

  private static IOException closeQuietly(AutoCloseable c, IOException failed) {
    try {
      c.close();
      return failed;
    } catch (Exception e) {
      IOException io = e instanceof IOException x ? x : new IOException(e);
      if (failed != null) {
        failed.addSuppressed(io);
        return failed;
      }
      return io;
    }
  }

  /** One layer's tar stream, moved forward entry by entry as the files are asked for in order. */
  private static final class Sequential implements AutoCloseable {
    private final LayerRef ref;
    private TarReader tar;
    private long at = -1;

    Sequential(LayerRef ref) {
      this.ref = ref;
    }

    InputStream open(long ordinal) throws IOException {
      if (tar == null) {
        tar = ref.tree().open(ref.layer());
      }
      if (ordinal <= at) {
        throw new IllegalStateException("layer entry " + ordinal + " asked for after entry " + at);
      }
      while (at < ordinal) {
        if (tar.next().isEmpty()) {
          throw new HoistException("layer " + ref.layer() + " ended before entry " + ordinal);
        }
        at++;
      }
      return tar.content();
    }

    @Override
    public void close() throws IOException {
      if (tar != null) {
        tar.close();
      }
    }
  }

  /** The wanted entries of one layer, copied into one file in a single pass over the layer. */
  private static final class Spool implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Map<Long, long[]> spans = new HashMap<>();

    private Spool(Path file) throws IOException {
      this.file = file;
      this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    static Spool fill(LayerRef ref, List<Long> ordinals, Path dir) throws IOException {
      Spool spool = new Spool(Files.createTempFile(dir, "copy-spool-", ".bin"));
      try {
        java.util.TreeSet<Long> todo = new java.util.TreeSet<>(ordinals);
        OutputStream out = Channels.newOutputStream(spool.channel);
        long offset = 0;
        try (TarReader tar = ref.tree().open(ref.layer())) {
          long at = 0;
          for (Optional<dev.hoist.cache.tar.TarEntry> e; !todo.isEmpty() && (e = tar.next()).isPresent(); at++) {
            if (todo.remove(at)) {
              long n = tar.content().transferTo(out);
              spool.spans.put(at, new long[] {offset, n});
              offset += n;
            }
          }
        }
        if (!todo.isEmpty()) {
          throw new HoistException("layer " + ref.layer() + " ended before entry " + todo.first());
        }
        return spool;
      } catch (IOException | RuntimeException e) {
        spool.close();
        throw e;
      }
    }

    InputStream open(long ordinal) {
      long[] span = spans.get(ordinal);
      return FileSlice.of(channel, span[0], span[1]);
    }

    @Override
    public void close() throws IOException {
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
