package dev.hoist.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Descriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lease keeps prune from removing blobs an image being written has not yet named. */
class StoreLeaseTest {
  @TempDir Path tmp;

  @Test
  void leaseInThisJvmHoldsOffPrune() throws Exception {
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    Descriptor blob;
    try (StoreLease lease = store.lease(); StoreLease second = store.lease()) {
      blob = store.putBytes("x", "untagged yet".getBytes(StandardCharsets.UTF_8));
      assertThat(store.tryPrune(OptionalLong.empty())).isEmpty();
      second.close();
      assertThat(store.tryPrune(OptionalLong.empty())).isEmpty();
      assertThat(store.hasBlob(blob.digest())).isTrue();
    }
    assertThat(store.tryPrune(OptionalLong.empty())).hasValueSatisfying(r -> assertThat(r.blobsRemoved()).isEqualTo(1));
    assertThat(store.hasBlob(blob.digest())).isFalse();
  }

  @Test
  void leaseInAnotherProcessHoldsOffPruneUntilItDies() throws Exception {
    Path home = tmp.resolve("home");
    LocalStore store = LocalStore.open(home);
    Descriptor blob = store.putBytes("x", "orphan".getBytes(StandardCharsets.UTF_8));
    Path ready = tmp.resolve("ready");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LeaseHolder.class.getName(), home.toString(), ready.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      while (!Files.exists(ready) && child.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(child.isAlive()).as("lease holder started").isTrue();
      assertThat(store.tryPrune(OptionalLong.empty())).isEmpty();
      assertThat(store.hasBlob(blob.digest())).isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(store.prune(OptionalLong.empty()).blobsRemoved()).isEqualTo(1);
  }
}
