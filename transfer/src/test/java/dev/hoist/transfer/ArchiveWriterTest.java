package dev.hoist.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Digest;
import dev.hoist.transfer.testing.Tool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file whose size is learnt while writing it: one read, a header patched in place, duplicates cut off. */
class ArchiveWriterTest {
  @TempDir Path tmp;

  @Test
  void fileOfUnknownSizeIsNamedByItsDigestAndReadableByGnuTar() throws Exception {
    byte[] layer = "layer content\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] other = "another layer\n".repeat(77).getBytes(StandardCharsets.UTF_8);
    Path file = tmp.resolve("a.tar");
    Set<String> written = new HashSet<>();
    try (ArchiveWriter archive = new ArchiveWriter(file)) {
      archive.file("first.json", "{}".getBytes(StandardCharsets.UTF_8));
      written.add(archive.fileOfUnknownSize(new ByteArrayInputStream(layer), d -> d.hex() + ".tar", written::contains));
      String again = archive.fileOfUnknownSize(new ByteArrayInputStream(layer), d -> d.hex() + ".tar",
          written::contains);
      assertThat(written).containsExactly(again);
      written.add(archive.fileOfUnknownSize(new ByteArrayInputStream(other), d -> d.hex() + ".tar", written::contains));
      archive.file("manifest.json", "[]".getBytes(StandardCharsets.UTF_8));
      archive.commit();
    }
    String layerName = Digest.sha256(layer).hex() + ".tar";
    String otherName = Digest.sha256(other).hex() + ".tar";
    Tool.assume("tar");
    assertThat(Tool.run("tar", "-tf", file.toString()).lines())
        .containsExactly("first.json", layerName, otherName, "manifest.json");
    Path out = Files.createDirectory(tmp.resolve("out"));
    Tool.run("tar", "-xf", file.toString(), "-C", out.toString());
    assertThat(out.resolve(layerName)).hasBinaryContent(layer);
    assertThat(out.resolve(otherName)).hasBinaryContent(other);
    assertThat(out.resolve("manifest.json")).hasContent("[]");
  }
}
