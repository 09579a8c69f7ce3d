package dev.hoist.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import dev.hoist.registry.blob.BlobSource;
import dev.hoist.registry.blob.DigestMismatchException;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.manifest.RawManifest;
import dev.hoist.registry.manifest.Referrers;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The distribution API against a real docker-registry over plain http. */
class RepositoryTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @Test
  void manifestRoundTripKeepsExactBytesAndDigest() {
    TestImage image = registry.pushRandomImage("app", "v1", 2000, 3000);
    Repository repo = registry.client().repository("app");
    RawManifest m = repo.manifest("v1");
    assertThat(m.bytes()).isEqualTo(image.manifestBytes());
    assertThat(m.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(m.digest()).isEqualTo(image.digest());
    Descriptor head = repo.headManifest("v1").orElseThrow();
    assertThat(head.digest()).isEqualTo(image.digest());
    assertThat(head.size()).isEqualTo(image.manifestBytes().length);
    assertThat(repo.manifest(image.digest().toString()).bytes()).isEqualTo(image.manifestBytes());
    assertThat(repo.headManifest("nope")).isEmpty();
  }

  @Test
  void blobsStreamVerifiedAndUploadsSkipExisting() throws Exception {
    TestImage image = registry.pushRandomImage("blobs", "v1", 5000);
    Repository repo = registry.client().repository("blobs");
    Descriptor layer = image.manifest().layers().get(0);
    try (InputStream in = repo.openBlob(layer)) {
      assertThat(in.readAllBytes()).isEqualTo(image.layers().get(0));
    }
    assertThat(repo.headBlob(layer.digest())).contains(layer.size());
    assertThat(repo.uploadBlob(layer.digest(), layer.size(), BlobSource.of(image.layers().get(0))))
        .isEqualTo(UploadOutcome.EXISTED);
  }

  @Test
  void chunkedUploadOfLargerBlob(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    Path file = tmp.resolve("blob");
    Files.write(file, data);
    Digest digest = Digest.sha256(data);
    RegistryClient client = RegistryClient.create(registry.hostPort(),
        registry.clientConfig().withChunking(1024 * 1024, 1024 * 1024));
    Repository repo = client.repository("chunked");
    assertThat(repo.uploadBlob(digest, data.length, BlobSource.of(file))).isEqualTo(UploadOutcome.UPLOADED);
    try (InputStream in = repo.openBlob(digest, data.length)) {
      assertThat(Digest.sha256(in)).isEqualTo(digest);
    }
  }

  @Test
  void crossRepositoryMount() {
    TestImage image = registry.pushRandomImage("mount-src", "v1", 4000);
    Repository target = registry.client().repository("mount-dst");
    Descriptor layer = image.manifest().layers().get(0);
    UploadOutcome outcome = target.uploadBlob(layer.digest(), layer.size(),
        offset -> { throw new AssertionError("a mount must not read the source"); }, Optional.of("mount-src"));
    assertThat(outcome).isEqualTo(UploadOutcome.MOUNTED);
    assertThat(target.headBlob(layer.digest())).isPresent();
  }

  @Test
  void tagsCatalogAndPagination() {
    for (String tag : List.of("a", "b", "c")) {
      registry.pushRandomImage("tagged", tag, 100);
    }
    RegistryClient client = registry.client();
    assertThat(client.repository("tagged").tags()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(client.repository("tagged").tags(1)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(client.catalog(1)).contains("tagged").doesNotHaveDuplicates();
    assertThat(client.catalog()).contains("tagged");
  }

  @Test
  void deleteManifestByTag() {
    TestImage image = registry.pushRandomImage("deletable", "gone", 100);
    Repository repo = registry.client().repository("deletable");
    assertThat(repo.deleteManifest("gone")).isEqualTo(image.digest());
    assertThat(repo.headManifest(image.digest().toString())).isEmpty();
  }

  @Test
  void indexPushAndReferrersFallback() {
    TestImage amd = registry.pushRandomImage("multi", "amd", 100);
    TestImage arm = TestImage.random(Platform.parse("linux/arm64"), 100).push(registry.client().repository("multi"), "arm");
    ImageIndex index = ImageIndex.oci(List.of(amd.descriptor().withPlatform(amd.platform()),
        arm.descriptor().withPlatform(arm.platform())), Map.of());
    Repository repo = registry.client().repository("multi");
    Digest d = repo.putManifest(index.toJson(), MediaType.OCI_INDEX, "both");
    RawManifest back = repo.manifest("both");
    assertThat(back.isIndex()).isTrue();
    assertThat(back.digest()).isEqualTo(d);
    assertThat(back.index().find(Platform.parse("linux/arm64")).orElseThrow().digest()).isEqualTo(arm.digest());

    assertThat(repo.referrers(amd.digest(), Optional.empty())).isEmpty();
    Descriptor sig = arm.descriptor().withMediaType(MediaType.OCI_MANIFEST);
    Descriptor typed = new Descriptor(sig.mediaType(), sig.digest(), sig.size(), null, null, null,
        "application/vnd.example.sig", null);
    repo.putManifest(Referrers.fallbackIndex(List.of(typed)).toJson(), MediaType.OCI_INDEX,
        Referrers.fallbackTag(amd.digest()));
    assertThat(repo.referrers(amd.digest(), Optional.empty())).extracting(Descriptor::digest).containsExactly(arm.digest());
    assertThat(repo.referrers(amd.digest(), Optional.of("application/vnd.example.sig"))).hasSize(1);
    assertThat(repo.referrers(amd.digest(), Optional.of("other/type"))).isEmpty();
  }

  @Test
  void tamperedBlobFailsWithDigestMismatchNamingTheBlob() throws Exception {
    TestImage image = registry.pushRandomImage("tampered", "v1", 3000);
    Descriptor layer = image.manifest().layers().get(0);
    Path data = registry.storageDir().resolve("docker/registry/v2/blobs/sha256")
        .resolve(layer.digest().hex().substring(0, 2)).resolve(layer.digest().hex()).resolve("data");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(data, bytes);
    Repository repo = registry.client().repository("tampered");
    assertThatThrownBy(() -> {
      try (InputStream in = repo.openBlob(layer)) {
        in.readAllBytes();
      }
    }).isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("registry " + registry.hostPort())
        .hasMessageContaining("repository tampered")
        .hasMessageContaining(layer.digest().toString());
  }

  @Test
  void missingManifestIsOneClearLine() {
    assertThatThrownBy(() -> registry.client().repository("app").manifest("v9"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry " + registry.hostPort() + ": repository app: manifest unknown (HTTP 404) for tag v9");
  }
}
