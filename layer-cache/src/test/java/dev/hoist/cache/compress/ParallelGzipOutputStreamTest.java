package dev.hoist.cache.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {
  static byte[] sample(int size) {
    Random r = new Random(size);
    byte[] b = new byte[size];
    String words = "the quick brown fox jumps over the lazy dog container layer digest ";
    for (int i = 0; i < size; i++) {
      b[i] = i % 4096 < 3000 ? (byte) words.charAt((i * 7 + r.nextInt(3)) % words.length()) : (byte) r.nextInt();
    }
    return b;
  }

  static byte[] gzip(byte[] data, int threads, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, threads, 6)) {
      for (int off = 0; off < data.length; off += chunk) {
        gz.write(data, off, Math.min(chunk, data.length - off));
      }
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000, 128 * 1024, 128 * 1024 * 3, 128 * 1024 * 5 + 17, 3_000_000})
  void bytesAreIdenticalForAnyThreadCountAndDecompress(int size) throws IOException {
    byte[] data = sample(size);
    byte[] one = gzip(data, 1, 8192);
    assertThat(gzip(data, 2, 100_000)).isEqualTo(one);
    assertThat(gzip(data, 4, 1000)).isEqualTo(one);
    assertThat(gzip(data, 3, 65536)).isEqualTo(one);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(one))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void realGzipDecompressesAndVerifiesCrc(@TempDir Path dir) throws Exception {
    byte[] data = sample(2_000_001);
    Path gz = dir.resolve("x.gz");
    Files.write(gz, gzip(data, 2, 65536));
    Process p = new ProcessBuilder("gzip", "-t", gz.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    Process cat = new ProcessBuilder("gzip", "-dc", gz.toString()).start();
    assertThat(cat.getInputStream().readAllBytes()).isEqualTo(data);
  }

  @Test
  void compressesComparablyToGzipSix() throws IOException {
    byte[] data = sample(1_000_000);
    ByteArrayOutputStream ref = new ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(ref)) {
      gz.write(data);
    }
    assertThat((double) gzip(data, 2, 65536).length).isLessThan(ref.size() * 1.05);
  }
}
