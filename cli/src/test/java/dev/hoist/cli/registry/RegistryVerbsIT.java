package dev.hoist.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Json;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import dev.hoist.cli.store.Sizes;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestArtifact;
import dev.hoist.registry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The registry verbs of bin/hoist against two real registries, read back with skopeo. */
class RegistryVerbsIT {
  @RegisterExtension static RegistryExtension one = RegistryExtension.plain();
  @RegisterExtension static RegistryExtension two = RegistryExtension.plain();
  @TempDir Path home;

  private HoistRun.Result hoist(String... args) throws Exception {
    return HoistRun.run(home, null, args);
  }

  private HoistRun.Result ok(String... args) throws Exception {
    HoistRun.Result r = hoist(args);
    assertThat(r.exit()).as("hoist %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void inspectTagCopyIndexDelete() throws Exception {
    String a = one.hostPort();
    String b = two.hostPort();
    TestImage amd = TestImage.random(Platform.parse("linux/amd64"), 3000, 2000)
        .push(one.client().repository("app"), "amd64");
    TestImage arm = TestImage.random(Platform.parse("linux/arm64"), 1000).push(one.client().repository("app"), "arm64");

    assertThat(ok("manifest", a + "/app:amd64").out()).isEqualTo(new String(amd.manifestBytes(), StandardCharsets.UTF_8));
    assertThat(ok("digest", "docker://" + a + "/app:amd64").out().trim()).isEqualTo(amd.digest().toString());
    assertThat(ok("config", a + "/app:arm64").out()).isEqualTo(new String(arm.config(), StandardCharsets.UTF_8));

    String indexDigest = ok("index", "create", a + "/app:multi", a + "/app:amd64", a + "/app:arm64",
        "--annotation", "org.example.note=hi").out().trim();
    ImageIndex index = ImageIndex.parse(ok("manifest", a + "/app:multi").out().getBytes(StandardCharsets.UTF_8), "index");
    assertThat(index.mediaType()).isEqualTo(MediaType.OCI_INDEX);
    assertThat(index.platforms()).containsExactly("linux/amd64", "linux/arm64");
    assertThat(index.annotations()).containsEntry("org.example.note", "hi");
    assertThat(ok("digest", a + "/app:multi", "--platform", "linux/arm64").out().trim()).isEqualTo(arm.digest().toString());

    ok("tag", a + "/app:amd64", "again");
    JsonNode tags = Json.mapper().readTree(ok("tags", a + "/app", "--format", "json").out());
    assertThat(tags.path("tags").toString()).contains("\"again\"", "\"multi\"", "\"amd64\"");
    assertThat(ok("catalog", a).out().lines()).contains("app");

    JsonNode copied = Json.mapper().readTree(ok("cp", a + "/app:multi", "docker://" + b + "/mirror:multi",
        "--all-platforms", "--format", "json").out());
    assertThat(copied.path("digest").asText()).isEqualTo(indexDigest);
    assertThat(copied.path("uploaded").asInt()).isEqualTo(5);
    String inspected = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + b + "/mirror:multi");
    assertThat(Json.mapper().readTree(inspected).path("manifests").size()).isEqualTo(2);

    assertThat(ok("cp", a + "/app:multi", b + "/armonly:v1", "--platform", "linux/arm64").out())
        .contains("@" + arm.digest());
    assertThat(ok("cp", a + "/app:amd64", a + "/sibling:v1").out()).contains("3 mounted");
    skopeo("copy", "--src-tls-verify=false", "docker://" + b + "/armonly:v1", "oci:" + home.resolve("layout") + ":x");

    assertThat(ok("delete", a + "/app:again").out()).contains(amd.digest().toString());
    HoistRun.Result gone = hoist("manifest", a + "/app:amd64");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err().trim()).isEqualTo("hoist: registry " + a + ": repository app: manifest unknown (HTTP 404) for tag amd64");
  }

  @org.junit.jupiter.api.BeforeAll
  static void needSkopeo() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/skopeo"));
    if (!present) {
      System.out.println("SKIPPED RegistryVerbsIT: /usr/bin/skopeo is not installed (apt-get install skopeo)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present, "/usr/bin/skopeo is not installed");
  }

  private String skopeo(String... args) throws Exception {
    var cmd = new java.util.ArrayList<String>(java.util.List.of("skopeo", "--insecure-policy"));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("skopeo: %s", out).isZero();
    return out;
  }

  private static String blobLine(Descriptor blob, String how) {
    return "blob " + blob.digest().hex().substring(0, 12) + " " + Sizes.human(blob.size()) + " " + how;
  }

  @Test
  void cpPrintsABlobLineAndAManifestLineOnStderrUnlessQuiet() throws Exception {
    String a = one.hostPort();
    String b = two.hostPort();
    TestImage image = one.pushRandomImage("progress", "v1", 5000);
    Descriptor config = image.manifest().config();
    Descriptor layer = image.manifest().layers().get(0);

    HoistRun.Result first = ok("cp", a + "/progress:v1", b + "/progress:v1");
    assertThat(first.out().lines()).hasSize(1).first().asString().startsWith("Copied " + a + "/progress:v1 to ");
    assertThat(first.err().lines()).containsExactlyInAnyOrder(blobLine(config, "uploaded"), blobLine(layer, "uploaded"),
        "manifest " + image.digest().hex().substring(0, 12) + " written to " + b + "/progress:v1");
    assertThat(first.err().lines().toList().get(2)).as("the manifest after its blobs").startsWith("manifest ");

    assertThat(ok("cp", a + "/progress:v1", b + "/progress:v2").err().lines())
        .contains(blobLine(config, "already there"), blobLine(layer, "already there"));
    assertThat(ok("cp", a + "/progress:v1", a + "/progress-sibling:v1").err().lines())
        .contains(blobLine(layer, "mounted from progress"));

    HoistRun.Result quiet = ok("cp", "-q", a + "/progress:v1", b + "/progress:v3");
    assertThat(quiet.err()).isEmpty();
    assertThat(quiet.out()).startsWith("Copied " + a + "/progress:v1 to " + b + "/progress:v3@" + image.digest());
    assertThat(ok("cp", "--progress", "quiet", a + "/progress:v1", b + "/progress:v4", "--format", "json").err()).isEmpty();
    assertThat(hoist("cp", "--progress", "tty", a + "/progress:v1", b + "/progress:v5").exit()).isEqualTo(2);
  }

  @Test
  void cpReferrersCopiesAnArtifactUnderTheFallbackTagOnlyWhenAsked() throws Exception {
    String a = one.hostPort();
    String b = two.hostPort();
    TestImage image = one.pushRandomImage("signed", "v1", 1000);
    TestArtifact sig = TestArtifact.about(image.descriptor(), "application/vnd.example.sig", 64)
        .push(one.client().repository("signed"));
    String fallbackTag = "sha256-" + image.digest().hex();

    ok("cp", a + "/signed:v1", b + "/unsigned:v1");
    assertThat(ok("tags", b + "/unsigned").out().lines()).containsExactly("v1");

    HoistRun.Result copied = ok("cp", "--referrers", a + "/signed:v1", "docker://" + b + "/signed:v1", "--format", "json");
    JsonNode result = Json.mapper().readTree(copied.out());
    assertThat(result.path("digest").asText()).isEqualTo(image.digest().toString());
    assertThat(result.path("referrers").asInt()).isEqualTo(1);
    assertThat(copied.err().lines()).contains("referrer " + sig.digest().hex().substring(0, 12)
        + " (application/vnd.example.sig) of " + image.digest().hex().substring(0, 12) + " written to " + b
        + "/signed@" + sig.digest());

    JsonNode fallback = Json.mapper().readTree(skopeo("inspect", "--raw", "--tls-verify=false",
        "docker://" + b + "/signed:" + fallbackTag));
    assertThat(fallback.path("manifests")).hasSize(1);
    assertThat(fallback.path("manifests").get(0).path("digest").asText()).isEqualTo(sig.digest().toString());
    assertThat(fallback.path("manifests").get(0).path("artifactType").asText()).isEqualTo("application/vnd.example.sig");
    String artifact = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + b + "/signed@" + sig.digest());
    assertThat(artifact.getBytes(StandardCharsets.UTF_8)).isEqualTo(sig.manifestBytes());
    assertThat(Json.mapper().readTree(artifact).path("subject").path("digest").asText()).isEqualTo(image.digest().toString());

    assertThat(hoist("cp", "-r", a + "/signed:v1", "oci:" + home.resolve("layout")).exit()).isEqualTo(2);
  }

  @Test
  void errorsAreOneLineWithExitCodes() throws Exception {
    String a = one.hostPort();
    one.pushRandomImage("errs", "v1", 100);
    HoistRun.Result missing = hoist("manifest", a + "/errs:v9");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("hoist: registry " + a + ": repository errs: manifest unknown (HTTP 404) for tag v9\n");

    HoistRun.Result malformed = hoist("digest", a + "/Bad_Repo:v1");
    assertThat(malformed.exit()).isEqualTo(1);
    assertThat(malformed.err().lines()).hasSize(1).first().asString().contains("invalid image reference");

    HoistRun.Result noRepo = hoist("tags", a + "/nothing-here");
    assertThat(noRepo.exit()).isEqualTo(1);
    assertThat(noRepo.err()).startsWith("hoist: registry " + a + ": repository nothing-here: ").contains("(HTTP 404)");

    HoistRun.Result usage = hoist("cp", a + "/errs:v1");
    assertThat(usage.exit()).isEqualTo(2);
    HoistRun.Result notALayout = hoist("cp", "oci:" + home.resolve("no-layout"), a + "/errs:v2");
    assertThat(notALayout.exit()).isEqualTo(1);
    assertThat(notALayout.err()).isEqualTo("hoist: " + home.resolve("no-layout") + " is not an OCI image layout (no index.json)\n");
    HoistRun.Result badTag = hoist("tag", a + "/errs:v1", "-bad");
    assertThat(badTag.exit()).isEqualTo(2);

    Files.createDirectories(home);
    HoistRun.Result refused = hoist("tags", "127.0.0.1:1/x");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err().lines()).hasSize(1).first().asString().startsWith("hoist: registry 127.0.0.1:1: ");
  }
}
