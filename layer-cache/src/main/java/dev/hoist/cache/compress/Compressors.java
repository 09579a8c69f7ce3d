package dev.hoist.cache.compress;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.hoist.oci.MediaType.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/** Opens compressing writers and auto-detecting readers for the layer compressions hoist supports. */
public final class Compressors {
  /** gzip's default level, as {@code docker} and {@code gzip -6} use. */
  public static final int GZIP_LEVEL = 6;
  /** zstd's default level. */
  public static final int ZSTD_LEVEL = 3;

  private Compressors() {}

  /** A stream that compresses into {@code out}; closing it finishes the format and closes {@code out}. */
  public static OutputStream compress(Compression compression, OutputStream out, int threads) throws IOException {
    return switch (compression) {
      case NONE -> out;
      case GZIP -> new ParallelGzipOutputStream(out, threads, GZIP_LEVEL);
      case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
    };
  }

  /** The threads to compress with by default: the machine's cores. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Detects gzip, zstd or plain tar by the first bytes and returns the uncompressed stream. */
  public static InputStream decompress(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    return switch (detect(in)) {
      case GZIP -> new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
      case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), 64 * 1024);
      case NONE -> in;
    };
  }

  /** The compression of a stream, by magic number; {@code in} must support mark/reset. */
  public static Compression detect(InputStream in) throws IOException {
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      return Compression.ZSTD;
    }
    return Compression.NONE;
  }
}
