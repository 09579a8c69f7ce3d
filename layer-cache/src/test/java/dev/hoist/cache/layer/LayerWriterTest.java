package dev.hoist.cache.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.extract.ExtractOptions;
import dev.hoist.cache.extract.LayerExtractor;
import dev.hoist.cache.extract.OwnershipMode;
import dev.hoist.cache.extract.WhiteoutMode;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.oci.Digest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.MediaType.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {
  @TempDir Path tmp;

  static void makeTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("usr/bin"));
    Files.writeString(root.resolve("usr/bin/tool"), "#!/bin/sh\necho hi\n");
    Files.setAttribute(root.resolve("usr/bin/tool"), "unix:mode", 04755);
    Files.createDirectories(root.resolve("tmp"));
    Files.setAttribute(root.resolve("tmp"), "unix:mode", 01777);
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createLink(root.resolve("usr/bin/tool-link"), root.resolve("usr/bin/tool"));
    Files.writeString(root.resolve("data.bin"), "x".repeat(300_000));
  }

  @Test
  void writesDiffIdDigestAndSizeIntoTheStore() throws IOException {
    Path tree = Files.createDirectory(tmp.resolve("tree"));
    makeTree(tree);
    LocalStore store = LocalStore.open(tmp.resolve("store"));
    Layer layer = LayerWriter.defaults().withClampMtime(Optional.empty()).writeDirectory(tree, store);
    assertThat(layer.descriptor().mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(store.blobSize(layer.descriptor().digest())).isEqualTo(layer.descriptor().size());
    try (InputStream in = store.openBlob(layer.descriptor().digest())) {
      assertThat(Digest.sha256(new java.util.zip.GZIPInputStream(in))).isEqualTo(layer.diffId());
    }
  }

  @Test
  void sameTreeOnOtherPathAndTimeGivesSameDigestWithEpoch() throws IOException {
    Path a = Files.createDirectory(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("elsewhere/b"));
    makeTree(a);
    makeTree(b);
    Files.setLastModifiedTime(b.resolve("data.bin"), FileTime.from(Instant.now().plusSeconds(3600)));
    LocalStore store = LocalStore.open(tmp.resolve("store"));
    LayerWriter w = LayerWriter.defaults().withClampMtime(Optional.of(Instant.ofEpochSecond(1_000_000_000)));
    Layer la = w.withThreads(1).writeDirectory(a, store);
    Layer lb = w.withThreads(2).writeDirectory(b, store);
    assertThat(lb.descriptor().digest()).isEqualTo(la.descriptor().digest());
    assertThat(lb.diffId()).isEqualTo(la.diffId());
    Layer unclamped = w.withClampMtime(Optional.empty()).writeDirectory(b, store);
    assertThat(unclamped.diffId()).isNotEqualTo(la.diffId());
  }

  @Test
  void extractRestoresTreeMetadata() throws IOException {
    Path tree = Files.createDirectory(tmp.resolve("tree"));
    makeTree(tree);
    LocalStore store = LocalStore.open(tmp.resolve("store"));
    for (Compression c : Compression.values()) {
      Layer layer = LayerWriter.defaults().withCompression(c).writeDirectory(tree, store);
      Path out = Files.createDirectory(tmp.resolve("out-" + c));
      try (InputStream in = store.openBlob(layer.descriptor().digest())) {
        LayerExtractor.create(ExtractOptions.defaults()).extract(in, out);
      }
      assertThat(Files.readString(out.resolve("usr/bin/tool"))).startsWith("#!/bin/sh");
      assertThat(Files.getAttribute(out.resolve("usr/bin/tool"), "unix:mode")).isEqualTo(0104755);
      assertThat(Files.getAttribute(out.resolve("tmp"), "unix:mode")).isEqualTo(041777);
      assertThat(Files.readSymbolicLink(out.resolve("bin"))).isEqualTo(Path.of("usr/bin"));
      assertThat(Files.getAttribute(out.resolve("usr/bin/tool-link"), "unix:ino"))
          .isEqualTo(Files.getAttribute(out.resolve("usr/bin/tool"), "unix:ino"));
      assertThat(Files.getLastModifiedTime(out.resolve("usr/bin")).toMillis() / 1000)
          .isEqualTo(Files.getLastModifiedTime(tree.resolve("usr/bin")).toMillis() / 1000);
      assertThat(Files.size(out.resolve("data.bin"))).isEqualTo(300_000);
    }
  }

  @Test
  void programmaticEntriesWithWhiteoutsAppliedOrKept() throws IOException {
    LocalStore store = LocalStore.open(tmp.resolve("store"));
    Layer lower;
    try (LayerSink sink = LayerWriter.defaults().open(store)) {
      sink.add(TarEntry.directory("etc"));
      sink.add(TarEntry.file("etc/old", 3), new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)));
      sink.add(TarEntry.directory("var/cache"));
      sink.add(TarEntry.file("var/cache/a", 0));
      sink.add(TarEntry.file("etc/owned", 2).withOwner(1234, 5678).withMode(0600),
          new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
      lower = sink.finish();
    }
    Layer upper;
    try (LayerSink sink = LayerWriter.defaults().open(store)) {
      sink.add(TarEntry.whiteout("etc/old"));
      sink.add(TarEntry.directory("var/cache"));
      sink.add(TarEntry.opaque("var/cache"));
      sink.add(TarEntry.file("var/cache/b", 0));
      upper = sink.finish();
    }
    Path applied = Files.createDirectory(tmp.resolve("applied"));
    Path kept = Files.createDirectory(tmp.resolve("kept"));
    LayerExtractor apply = LayerExtractor.create(ExtractOptions.defaults().withOwnership(OwnershipMode.PRESERVE));
    try (InputStream in = store.openBlob(lower.descriptor().digest())) {
      apply.extract(in, applied);
    }
    assertThat(Files.getAttribute(applied.resolve("etc/owned"), "unix:uid")).isEqualTo(1234);
    assertThat(Files.getAttribute(applied.resolve("etc/owned"), "unix:gid")).isEqualTo(5678);
    try (InputStream in = store.openBlob(upper.descriptor().digest())) {
      apply.extract(in, applied);
    }
    assertThat(applied.resolve("etc/old")).doesNotExist();
    assertThat(applied.resolve("var/cache/a")).doesNotExist();
    assertThat(applied.resolve("var/cache/b")).exists();
    assertThat(applied.resolve("var/cache/.wh..wh..opq")).doesNotExist();
    try (InputStream in = store.openBlob(upper.descriptor().digest())) {
      LayerExtractor.create(ExtractOptions.defaults().withWhiteouts(WhiteoutMode.KEEP)).extract(in, kept);
    }
    assertThat(kept.resolve("etc/.wh.old")).isRegularFile();
    assertThat(kept.resolve("var/cache/.wh..wh..opq")).isRegularFile();
    assertThat(Files.isDirectory(kept.resolve("var/cache"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  void userXattrsSurviveWriteAndExtract() throws IOException {
    Path tree = Files.createDirectory(tmp.resolve("xtree"));
    Path f = Files.writeString(tree.resolve("f"), "x");
    var view = Files.getFileAttributeView(f, java.nio.file.attribute.UserDefinedFileAttributeView.class);
    byte[] binary = {0, 1, 2, (byte) 0xff, '=', '\n'};
    try {
      view.write("hoist.test", java.nio.ByteBuffer.wrap(binary));
    } catch (IOException | UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "this filesystem has no user xattrs: " + e);
    }
    LocalStore store = LocalStore.open(tmp.resolve("store"));
    Layer layer = LayerWriter.defaults().writeDirectory(tree, store);
    Path out = Files.createDirectory(tmp.resolve("xout"));
    try (InputStream in = store.openBlob(layer.descriptor().digest())) {
      assertThat(LayerExtractor.create(ExtractOptions.defaults()).extract(in, out).warnings()).isEmpty();
    }
    var outView = Files.getFileAttributeView(out.resolve("f"), java.nio.file.attribute.UserDefinedFileAttributeView.class);
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(outView.size("hoist.test"));
    outView.read("hoist.test", buf);
    assertThat(buf.array()).containsExactly(binary);
  }
}
