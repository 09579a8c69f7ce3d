package dev.hoist.cache.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarRoundTripTest {
  static final byte[] CAPABILITY = {1, 0, 0, 2, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // cap_net_raw, binary

  static List<TarEntry> entries() {
    String longName = "usr/share/" + "very-long-directory-name/".repeat(6) + "file.txt";
    return List.of(
        TarEntry.directory("bin").withMtime(1_700_000_000),
        TarEntry.file("bin/ping", 5).withMode(04755).withXattrs(Map.of("security.capability", CAPABILITY)),
        TarEntry.file("bin/sg", 0).withMode(02755).withOwner(0, 42),
        TarEntry.directory("tmp").withMode(01777),
        TarEntry.file(longName, 3).withOwner(3_000_000, 4_000_000),
        TarEntry.symlink("lib", "usr/lib"),
        TarEntry.symlink("deep", "/" + "x".repeat(150)),
        TarEntry.hardlink("bin/ping2", "bin/ping"),
        TarEntry.fifo("run/fifo"),
        TarEntry.device("dev/null", EntryType.CHAR_DEVICE, 1, 3),
        TarEntry.device("dev/sda", EntryType.BLOCK_DEVICE, 8, 0),
        TarEntry.file("naïve-ünïcode.txt", 0).withOwnerNames("app", "app"),
        TarEntry.whiteout("etc/removed"),
        TarEntry.opaque("var/cache"));
  }

  static byte[] write(List<TarEntry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter w = new TarWriter(out)) {
      for (TarEntry e : entries) {
        w.putEntry(e);
        if (e.size() > 0) {
          w.content(new ByteArrayInputStream("x".repeat((int) e.size()).getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return out.toByteArray();
  }

  @Test
  void everyFieldSurvivesWriteThenRead() throws IOException {
    List<TarEntry> read = new ArrayList<>();
    try (TarReader r = new TarReader(new ByteArrayInputStream(write(entries())))) {
      for (Optional<TarEntry> e = r.next(); e.isPresent(); e = r.next()) {
        read.add(e.get());
        if (e.get().size() > 0) {
          assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x".repeat((int) e.get().size()));
        }
      }
    }
    assertThat(read).hasSize(entries().size());
    for (int i = 0; i < read.size(); i++) {
      TarEntry want = entries().get(i);
      TarEntry got = read.get(i);
      assertThat(got).usingRecursiveComparison().ignoringFields("xattrs").isEqualTo(want);
      assertThat(got.xattrs().keySet()).isEqualTo(want.xattrs().keySet());
      want.xattrs().forEach((k, v) -> assertThat(got.xattrs().get(k)).containsExactly(v));
    }
  }

  @Test
  void sameEntriesGiveSameBytes() throws IOException {
    assertThat(write(entries())).isEqualTo(write(entries()));
  }

  @Test
  void singleBlockHeaderIsThePutEntryHeaderForUstarSizes() throws IOException {
    TarEntry e = TarEntry.file("0123abcd.tar", 1_234_567);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TarWriter(out).putEntry(e);
    assertThat(TarWriter.singleBlockHeader(e)).isEqualTo(out.toByteArray());
  }

  @Test
  void singleBlockHeaderWritesSizesBeyondOctalInBase256() throws IOException {
    long size = 10L * 1024 * 1024 * 1024 + 7;
    byte[] header = TarWriter.singleBlockHeader(TarEntry.file("big.tar", size));
    assertThat(header).hasSize(TarWriter.BLOCK);
    try (TarReader r = new TarReader(new ByteArrayInputStream(header))) {
      TarEntry read = r.next().orElseThrow();
      assertThat(read.name()).isEqualTo("big.tar");
      assertThat(read.size()).isEqualTo(size);
    }
  }

  @Test
  void singleBlockHeaderRefusesEntriesThatNeedPax() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TarWriter.singleBlockHeader(
        TarEntry.file("x".repeat(101), 1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gnuTarReadsWhatWeWrite(@TempDir Path dir) throws Exception {
    Path tar = dir.resolve("t.tar");
    Files.write(tar, write(entries()));
    Process p = new ProcessBuilder("tar", "--xattrs", "-tvf", tar.toString()).redirectErrorStream(true).start();
    String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(listing).isZero();
    assertThat(listing)
        .contains("-rwsr-xr-x", "bin/ping", "drwxrwxrwt", "tmp/", "very-long-directory-name/file.txt",
            "3000000/4000000", "lib -> usr/lib", "bin/ping2 link to bin/ping", "prw-r--r--", "crw-r--r--",
            "1,3", "naïve-ünïcode.txt", "etc/.wh.removed", "var/cache/.wh..wh..opq");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"gnu", "pax"})
  void readsArchivesGnuTarWrites(String format, @TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/" + "d".repeat(60) + "/" + "e".repeat(50)));
    Files.writeString(src.resolve("f".repeat(40) + ".txt"), "content");
    Files.createSymbolicLink(dir.resolve("src/link"), Path.of("d".repeat(60)));
    Path tar = dir.resolve("t.tar");
    Process p = new ProcessBuilder("tar", "--format=" + format, "-C", dir.resolve("src").toString(), "-cf",
        tar.toString(), ".").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    List<String> names = new ArrayList<>();
    try (TarReader r = new TarReader(Files.newInputStream(tar))) {
      for (Optional<TarEntry> e = r.next(); e.isPresent(); e = r.next()) {
        names.add(e.get().type() + " " + e.get().name());
        if (e.get().type() == EntryType.FILE) {
          assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("content");
        }
      }
    }
    String deep = "d".repeat(60) + "/" + "e".repeat(50);
    assertThat(names).contains("DIRECTORY " + deep, "FILE " + deep + "/" + "f".repeat(40) + ".txt", "SYMLINK link");
  }
}
