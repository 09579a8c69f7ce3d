package dev.hoist.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path home;

  Descriptor image(LocalStore store, String layerText) throws IOException {
    Descriptor layer = store.putBytes(MediaType.OCI_LAYER, layerText.getBytes(StandardCharsets.UTF_8));
    Descriptor config = store.putBytes(MediaType.OCI_CONFIG, ("{\"x\":\"" + layerText + "\"}").getBytes(StandardCharsets.UTF_8));
    return store.putBytes(MediaType.OCI_MANIFEST, Manifest.oci(config, List.of(layer), Map.of()).toJson());
  }

  @Test
  void createsAnOciLayout() throws IOException {
    LocalStore.open(home);
    assertThat(Files.readString(home.resolve("oci-layout"))).contains("\"imageLayoutVersion\":\"1.0.0\"");
    assertThat(ImageIndex.parse(Files.readAllBytes(home.resolve("index.json")), "index").schemaVersion()).isEqualTo(2);
    assertThat(home.resolve("blobs/sha256")).isDirectory();
  }

  @Test
  void blobsAreNamedByDigestAndVerified() throws IOException {
    LocalStore store = LocalStore.open(home);
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    Descriptor d = store.putBlob("x", new ByteArrayInputStream(data), Optional.of(Digest.sha256(data)));
    assertThat(d.size()).isEqualTo(5);
    assertThat(store.blobPath(d.digest())).hasFileName(Digest.sha256(data).hex()).hasBinaryContent(data);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(store.blobPath(d.digest())))).isEqualTo("rw-r--r--");
    assertThatThrownBy(() -> store.putBlob("x", new ByteArrayInputStream(data), Optional.of(Digest.sha256("other"))))
        .isInstanceOf(HoistException.class).hasMessageContaining("does not match");
    try (Stream<Path> files = Files.list(home.resolve("blobs/sha256"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(d.digest().hex());
    }
  }

  @Test
  void corruptBlobFailsOnRead() throws IOException {
    LocalStore store = LocalStore.open(home);
    Descriptor d = store.putBytes("x", "abc".getBytes(StandardCharsets.UTF_8));
    Files.writeString(store.blobPath(d.digest()), "abd");
    assertThatThrownBy(() -> {
      try (InputStream in = store.openBlob(d.digest())) {
        in.readAllBytes();
      }
    }).isInstanceOf(HoistException.class).hasMessageContaining("corrupt");
  }

  @Test
  void tagsResolveListAndUntag() throws IOException {
    LocalStore store = LocalStore.open(home);
    Descriptor a = image(store, "a");
    Descriptor b = image(store, "b");
    store.tag("app", a);
    store.tag("localhost:5000/team/app:1.0", b);
    assertThat(store.resolve("app:latest").orElseThrow().descriptor().digest()).isEqualTo(a.digest());
    assertThat(store.resolve("docker.io/library/app").orElseThrow().name()).isEqualTo("app:latest");
    assertThat(store.resolve(b.digest().hex().substring(0, 12)).orElseThrow().name())
        .isEqualTo("localhost:5000/team/app:1.0");
    store.tag("app", b);
    assertThat(store.images()).extracting(StoredImage::name).containsExactlyInAnyOrder("app:latest",
        "localhost:5000/team/app:1.0");
    assertThat(store.resolve("app").orElseThrow().descriptor().digest()).isEqualTo(b.digest());
    assertThat(Files.readString(home.resolve("index.json")))
        .contains("\"org.opencontainers.image.ref.name\":\"app:latest\"");
    assertThat(store.untag("app")).isTrue();
    assertThat(store.untag("app")).isFalse();
    assertThat(store.resolve("app")).isEmpty();
  }

  @Test
  void pruneRemovesOnlyUnreachableBlobs() throws IOException {
    LocalStore store = LocalStore.open(home);
    Descriptor kept = image(store, "kept");
    Descriptor dropped = image(store, "dropped");
    Descriptor cached = image(store, "cached");
    store.tag("kept", kept);
    store.tag("dropped", dropped);
    store.putCacheEntry("step-key-1", cached);
    store.untag("dropped");
    PruneReport report = store.prune(OptionalLong.empty());
    assertThat(report.blobsRemoved()).isEqualTo(3);
    assertThat(store.hasBlob(dropped.digest())).isFalse();
    assertThat(store.reachableFrom(kept)).allMatch(store::hasBlob).hasSize(3);
    assertThat(store.reachableFrom(cached)).allMatch(store::hasBlob);
    PruneReport squeeze = store.prune(OptionalLong.of(0));
    assertThat(squeeze.cacheEntriesRemoved()).isEqualTo(1);
    assertThat(store.cacheEntry("step-key-1")).isEmpty();
    assertThat(store.reachableFrom(kept)).allMatch(store::hasBlob);
    assertThat(store.hasBlob(cached.digest())).isFalse();
  }

  @Test
  void cacheLookupsSeeWhatAnotherStoreOnTheSameFolderWrote() throws IOException {
    LocalStore reader = LocalStore.open(home);
    LocalStore writer = LocalStore.open(home);
    Descriptor one = image(writer, "one");
    Descriptor two = image(writer, "two");
    assertThat(reader.cacheEntry("k1")).isEmpty();
    writer.putCacheEntry("k1", one);
    assertThat(reader.cacheEntry("k1")).map(Descriptor::digest).contains(one.digest());
    assertThat(reader.cacheEntry("k2")).isEmpty();
    writer.putCacheEntry("k2", two);
    writer.putCacheEntry("k1", two);
    assertThat(reader.cacheEntry("k1")).map(Descriptor::digest).contains(two.digest());
    assertThat(reader.cacheEntry("k2")).map(Descriptor::digest).contains(two.digest());
    writer.prune(OptionalLong.of(0));
    assertThat(reader.cacheEntry("k1")).isEmpty();
  }

  @Test
  void concurrentTaggersAllLand() throws Exception {
    LocalStore store = LocalStore.open(home);
    Descriptor a = image(store, "a");
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            LocalStore.open(home).tag("img" + id + "-" + i, a);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
      threads.get(threads.size() - 1).start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(store.images()).hasSize(80);
  }
}
