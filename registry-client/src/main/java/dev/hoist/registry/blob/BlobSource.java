package dev.hoist.registry.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an upload reads a blob from. It can be opened again, at any offset, so a failed upload can
 * restart or resume without the blob ever being held in memory.
 */
@FunctionalInterface
public interface BlobSource {
  /** A stream of the blob from byte {@code offset} to its end. */
  InputStream open(long offset) throws IOException;

  /** A file on disk. */
  static BlobSource of(Path file) {
    return offset -> {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(offset);
      return Channels.newInputStream(ch);
    };
  }

  /** Bytes in memory (configs, small test blobs). */
  static BlobSource of(byte[] bytes) {
    return offset -> new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
  }

  /** A stream supplier that can only start at the beginning: later offsets are skipped to. */
  static BlobSource fromStart(StreamSupplier supplier) {
    return offset -> {
      InputStream in = supplier.get();
      in.skipNBytes(offset);
      return in;
    };
  }

  /** Opens a stream from the beginning. */
  @FunctionalInterface
  interface StreamSupplier {
    InputStream get() throws IOException;
  }
}
