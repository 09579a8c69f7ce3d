package dev.hoist.cache.layer;

import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.store.BlobSink;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarWriter;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.MediaType.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One layer being written. Add entries in the order they should appear (sorted, parents first:
 * {@link DirectoryTree} does that for trees), then {@link #finish}. Closing without finishing
 * discards the blob.
 */
public final class LayerSink implements AutoCloseable {
  private final OutputStream target;
  private final Optional<LocalStore> store;
  private final HashingOutputStream compressed;
  private final OutputStream compressor;
  private final HashingOutputStream uncompressed;
  private final TarWriter tar;
  private final Compression compression;
  private final Optional<Instant> clamp;
  private boolean finished;

  LayerSink(OutputStream target, Compression compression, int threads, Optional<Instant> clamp,
      Optional<LocalStore> store) throws IOException {
    this.target = target;
    this.store = store;
    this.compression = compression;
    this.clamp = clamp;
    this.compressed = new HashingOutputStream(target);
    this.compressor = Compressors.compress(compression, new NonClosing(compressed), threads);
    this.uncompressed = new HashingOutputStream(compressor);
    this.tar = new TarWriter(uncompressed);
  }

  /** Adds a non-file entry, or an empty file. */
  public void add(TarEntry entry) throws IOException {
    if (entry.type() == EntryType.FILE && entry.size() > 0) {
      throw new IllegalArgumentException("file " + entry.name() + " needs its content");
    }
    tar.putEntry(clamp(entry));
  }

  /** Adds a file entry with exactly {@code entry.size()} bytes read from {@code content}. */
  public void add(TarEntry entry, InputStream content) throws IOException {
    tar.putEntry(clamp(entry));
    if (entry.type() == EntryType.FILE) {
      tar.content(content);
    }
  }

  /** Adds every path below {@code dir} (sorted), named {@code prefix/relative}, each passed through {@code adjust}. */
  public void addTree(Path dir, String prefix, UnaryOperator<TarEntry> adjust) throws IOException {
    DirectoryTree.walk(dir, prefix, (entry, source) -> {
      TarEntry e = adjust.apply(entry);
      if (e.type() == EntryType.FILE) {
        try (InputStream in = DirectoryTree.open(source)) {
          add(e, in);
        }
      } else {
        add(e);
      }
    });
  }

  private TarEntry clamp(TarEntry e) {
    if (clamp.isPresent() && e.mtime() > clamp.get().getEpochSecond()) {
      return e.withMtime(clamp.get().getEpochSecond());
    }
    return e;
  }

  /** Ends the tar, finishes compression and, for a store, commits the blob. */
  public Layer finish() throws IOException {
    tar.finish();
    compressor.close();
    finished = true;
    Digest digest = compressed.digest();
    if (target instanceof BlobSink blob) {
      blob.commit(Optional.of(digest));
    } else {
      target.flush();
    }
    Descriptor d = Descriptor.of(compression.ociLayerType(), digest, compressed.count());
    return new Layer(uncompressed.digest(), d, uncompressed.count());
  }

  /** Whether this sink writes into a store (as opposed to a plain stream). */
  public boolean toStore() {
    return store.isPresent();
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      target.close();
    }
  }

  /** Keeps the compressor's close() from closing the blob before commit. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
