package dev.hoist.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts child JVMs that write blobs and tag images in a loop ({@link StoreTorture}), kills them
 * with SIGKILL at random points, and checks the store: every blob's name is its digest and
 * index.json parses and names only blobs that exist.
 */
class StoreKillTest {
  @Test
  void killNineNeverLeavesWrongBlobOrBrokenIndex(@TempDir Path home) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Random random = new Random(42);
    int blobs = 0;
    for (int round = 0; round < 6; round++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          StoreTorture.class.getName(), home.toString(), Integer.toString(round))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // wait until the child has started writing, then kill it after a random extra delay
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(home.resolve("started-" + round)) && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(10);
      }
      Thread.sleep(100 + random.nextInt(900));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      blobs = verify(home);
    }
    // the last child wrote for at least as long as the others; after six rounds blobs exist
    assertThat(blobs).as("blobs written across all rounds").isPositive();
  }

  private static int verify(Path home) throws IOException {
    int blobs = 0;
    try (Stream<Path> files = Files.list(home.resolve("blobs/sha256"))) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".tmp-")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(p)) {
          assertThat(Digest.sha256(in).hex()).as("blob %s", name).isEqualTo(name);
        }
        blobs++;
      }
    }
    ImageIndex index = ImageIndex.parse(Files.readAllBytes(home.resolve("index.json")), "index.json");
    LocalStore store = LocalStore.open(home);
    index.manifests().forEach(d -> assertThat(store.hasBlob(d.digest())).isTrue());
    List<StoredImage> images = store.images();
    assertThat(images).allMatch(i -> store.hasBlob(i.descriptor().digest()));
    return blobs;
  }
}
