package dev.hoist.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import dev.hoist.registry.testing.TestArtifact;
import dev.hoist.registry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming descriptor reader agrees with the full model and skips what it does not need. */
class ManifestOutlineTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  @Test
  void imageManifestMatchesTheParsedModel() {
    TestImage image = TestImage.random(100, 200);
    ManifestOutline o = ManifestOutline.parse(image.manifestBytes(), "test");
    assertThat(o.config()).contains(image.manifest().config());
    assertThat(o.layers()).extracting(Descriptor::digest)
        .containsExactlyElementsOf(image.manifest().layers().stream().map(Descriptor::digest).toList());
    assertThat(o.blobs()).hasSize(3);
    assertThat(o.subject()).isEmpty();
  }

  @Test
  void anArtifactNamesItsSubject() {
    TestImage image = TestImage.random(100);
    TestArtifact sig = TestArtifact.about(image.descriptor(), "application/vnd.example.sig", 10);
    ManifestOutline o = ManifestOutline.parse(sig.manifestBytes(), "artifact");
    assertThat(o.subject()).map(Descriptor::digest).contains(image.digest());
    assertThat(o.blobs()).hasSize(2);
  }

  @Test
  void indexEntriesCarryPlatformsAndForeignLayersAreNotBlobsToCopy() {
    String index = "{\"schemaVersion\":2,\"annotations\":{\"x\":\"y\"},\"manifests\":["
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A + "\",\"size\":10,"
        + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\",\"os.features\":[\"a\"]}},"
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B + "\",\"size\":11,"
        + "\"platform\":{\"architecture\":\"unknown\",\"os\":\"unknown\"}}]}";
    ManifestOutline o = ManifestOutline.parse(index.getBytes(StandardCharsets.UTF_8), "index");
    assertThat(o.find(Platform.parse("linux/arm64")).orElseThrow().digest().toString()).isEqualTo(A);
    assertThat(o.platforms()).containsExactly("linux/arm64/v8");
    String foreign = "{\"config\":{\"digest\":\"" + A + "\",\"size\":1},\"layers\":[{\"digest\":\"" + B
        + "\",\"size\":2,\"urls\":[\"https://example/x\"]}]}";
    assertThat(ManifestOutline.parse(foreign.getBytes(StandardCharsets.UTF_8), "m").blobs()).hasSize(1);
  }

  @Test
  void brokenInputIsNamed() {
    assertThatThrownBy(() -> ManifestOutline.parse("[1]".getBytes(StandardCharsets.UTF_8), "manifest X"))
        .isInstanceOf(HoistException.class).hasMessageContaining("manifest X");
    assertThatThrownBy(() -> ManifestOutline.parse("{\"layers\":[{\"size\":1}]}".getBytes(StandardCharsets.UTF_8), "m"))
        .hasMessageContaining("digest or size");
  }
}
