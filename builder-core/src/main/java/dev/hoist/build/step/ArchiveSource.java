package dev.hoist.build.step;

import dev.hoist.cache.extract.ExtractOptions;
import dev.hoist.cache.extract.LayerExtractor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * ADD's local archives: a tar, plain or compressed with gzip, bzip2, xz or zstd (recognised by
 * content, as Docker does, not by name), unpacked with the store's safe extractor, which never
 * writes outside its target.
 */
final class ArchiveSource {
  private static final byte[] BZIP2 = {'B', 'Z', 'h'};
  private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
  private static final byte[] GZIP = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] ZSTD = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd};

  private ArchiveSource() {}

  /** Whether {@code file} is a tar archive (possibly compressed). */
  static boolean isArchive(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) < 6) {
      return false;
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file)); InputStream in = decompress(raw)) {
      byte[] header = in.readNBytes(512);
      return header.length == 512 && new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }

  /** Unpacks the archive into the directory {@code target}; what it could not restore goes to {@code warnings}. */
  static void extract(Path file, Path target, Consumer<String> warnings) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file)); InputStream in = decompress(raw)) {
      LayerExtractor.create(ExtractOptions.defaults()).extract(in, target).warnings()
          .forEach(w -> warnings.accept("warning: " + w));
    }
  }

  /** gzip and zstd are left to the extractor, which detects them; bzip2 and xz are undone here. */
  private static InputStream decompress(InputStream in) throws IOException {
    in.mark(16);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (starts(magic, BZIP2)) {
      return new BZip2CompressorInputStream(in, true);
    }
    if (starts(magic, XZ)) {
      return new XZCompressorInputStream(in, true);
    }
    if (starts(magic, GZIP) || starts(magic, ZSTD)) {
      return dev.hoist.cache.compress.Compressors.decompress(in);
    }
    return in;
  }

  private static boolean starts(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
  }

}
