package dev.hoist.build.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobLocationsTest {
  @TempDir Path dir;

  @Test
  void remembersTheLastRepositoryPerRegistryAcrossRuns() throws Exception {
    Path file = dir.resolve("cache").resolve("blob-locations.tsv");
    Digest blob = Digest.sha256("layer");
    BlobLocations first = BlobLocations.open(file);
    assertThat(first.elsewhere("r:5000", blob, "a")).isEmpty();
    first.record("r:5000", blob, "a");
    first.save();

    BlobLocations again = BlobLocations.open(file);
    assertThat(again.elsewhere("r:5000", blob, "b")).contains("a");
    assertThat(again.elsewhere("r:5000", blob, "a")).as("the repository itself is no mount source").isEmpty();
    assertThat(again.elsewhere("other:5000", blob, "b")).as("mounts stay within one registry").isEmpty();
    again.record("r:5000", blob, "b");
    again.save();
    assertThat(BlobLocations.open(file).elsewhere("r:5000", blob, "c")).contains("b");
  }

  @Test
  void aDamagedFileIsIgnored() throws Exception {
    Path file = dir.resolve("blob-locations.tsv");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, '\t', '\n'});
    assertThat(BlobLocations.open(file).elsewhere("r", Digest.sha256("x"), "a")).isEmpty();
  }
}
