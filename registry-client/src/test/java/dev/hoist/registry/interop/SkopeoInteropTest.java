package dev.hoist.registry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.Json;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.RawManifest;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What hoist pushes, skopeo reads; what skopeo pushes, hoist reads. */
class SkopeoInteropTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
  @TempDir Path tmp;

  @BeforeAll
  static void needSkopeo() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/skopeo"));
    if (!present) {
      System.out.println("SKIPPED SkopeoInteropTest: /usr/bin/skopeo is not installed (apt-get install skopeo)");
    }
    Assumptions.assumeTrue(present, "/usr/bin/skopeo is not installed");
  }

  private static String skopeo(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("skopeo %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  @Test
  void skopeoReadsWhatHoistPushed() throws Exception {
    TestImage image = registry.pushRandomImage("hoisted", "v1", 4000, 9000);
    JsonNode inspect = Json.mapper().readTree(skopeo("inspect", "--tls-verify=false",
        "docker://" + registry.hostPort() + "/hoisted:v1"));
    assertThat(inspect.path("Digest").asText()).isEqualTo(image.digest().toString());
    assertThat(inspect.path("Layers").size()).isEqualTo(2);
    skopeo("copy", "--src-tls-verify=false", "docker://" + registry.hostPort() + "/hoisted:v1",
        "oci:" + tmp.resolve("layout") + ":v1");
    for (Descriptor layer : image.manifest().layers()) {
      Path blob = tmp.resolve("layout/blobs/sha256").resolve(layer.digest().hex());
      try (InputStream in = Files.newInputStream(blob)) {
        assertThat(Digest.sha256(in)).isEqualTo(layer.digest());
      }
    }
  }

  @Test
  void hoistReadsWhatSkopeoPushed() throws Exception {
    TestImage image = TestImage.random(5000, 7000);
    Path layout = tmp.resolve("src");
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.write(blobs.resolve(image.manifest().config().digest().hex()), image.config());
    for (int i = 0; i < image.layers().size(); i++) {
      Files.write(blobs.resolve(image.manifest().layers().get(i).digest().hex()), image.layers().get(i));
    }
    Files.write(blobs.resolve(image.digest().hex()), image.manifestBytes());
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + image.digest() + "\",\"size\":" + image.manifestBytes().length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
    skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + registry.hostPort() + "/skopeoed:v1");

    Repository repo = registry.client().repository("skopeoed");
    RawManifest m = repo.manifest("v1");
    assertThat(m.isIndex()).isFalse();
    assertThat(m.manifest().layers()).extracting(Descriptor::digest)
        .containsExactlyElementsOf(image.manifest().layers().stream().map(Descriptor::digest).toList());
    for (Descriptor d : m.manifest().layers()) {
      try (InputStream in = repo.openBlob(d)) {
        assertThat(Digest.sha256(in)).isEqualTo(d.digest());
      }
    }
    assertThat(repo.tags()).containsExactly("v1");
  }
}
