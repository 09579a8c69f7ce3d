package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Json;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.transfer.testing.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hoist build --push} and FROM registry images, against a real docker-registry. */
class BuildPushIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
  @TempDir Path tmp;

  private JsonNode raw(String ref, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
    cmd.addAll(List.of(extra));
    cmd.add("docker://" + ref);
    return Json.mapper().readTree(Proc.run(cmd, java.util.Map.of(), tmp, null).ok().out());
  }

  @Test
  void pushesAnIndexForTwoPlatformsAndAManifestListOnRequest() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nARG TARGETARCH\nCOPY <<EOF /arch\n$TARGETARCH\nEOF\n");
    Path home = tmp.resolve("home");
    String ref = registry.hostPort() + "/multi/app:1";
    Proc p = Proc.hoist(home, tmp, null, "build", "--platform", "linux/amd64,linux/arm64", "-t", ref, "--push",
        "--metadata-file", tmp.resolve("meta.json").toString(), ctx.toString()).ok();
    JsonNode index = raw(ref, "--raw");
    assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.get("manifests")).hasSize(2);
    assertThat(index.get("manifests").get(1).get("platform").get("architecture").asText()).isEqualTo("arm64");
    assertThat(raw(ref, "--override-arch", "arm64").get("Architecture").asText()).isEqualTo("arm64");
    JsonNode meta = Json.mapper().readTree(tmp.resolve("meta.json").toFile());
    assertThat(meta.get("hoist.pushed").get(0).asText()).startsWith(ref + "@sha256:");
    assertThat(p.err()).contains("pushed " + ref);

    String docker = registry.hostPort() + "/multi/app:docker";
    Proc.hoist(home, tmp, null, "build", "--platform", "linux/amd64,linux/arm64", "-t", docker,
        "--output", "type=registry,oci-mediatypes=false", ctx.toString()).ok();
    JsonNode list = raw(docker, "--raw");
    assertThat(list.get("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(list.get("manifests").get(0).get("mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
  }

  private String rawDigest(String ref) throws Exception {
    return "sha256:" + Proc.tool(tmp, "sh", "-c", "skopeo inspect --tls-verify=false --raw 'docker://" + ref
        + "' | sha256sum").ok().out().substring(0, 64);
  }

  @Test
  void annotationsReachThePushedIndexAndManifestsAndTheIidfileNamesThePushedDigest() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nARG TARGETARCH\nCOPY <<EOF /arch\n$TARGETARCH\nEOF\n");
    Path home = tmp.resolve("home");
    String ref = registry.hostPort() + "/annotated/app:1";
    Proc.hoist(home, tmp, null, "build", "--platform", "linux/amd64,linux/arm64", "-t", ref, "--push",
        "--annotation", "org.example.plain=p", "--annotation", "index:org.example.index=i",
        "--annotation", "index,manifest:org.example.both=b", "--iidfile", tmp.resolve("iid").toString(),
        "--metadata-file", tmp.resolve("meta.json").toString(), ctx.toString()).ok();
    JsonNode index = raw(ref, "--raw");
    assertThat(Json.mapper().convertValue(index.get("annotations"), java.util.Map.class))
        .isEqualTo(java.util.Map.of("org.example.index", "i", "org.example.both", "b"));
    String amd64 = index.get("manifests").get(0).get("digest").asText();
    JsonNode manifest = raw(registry.hostPort() + "/annotated/app@" + amd64, "--raw");
    assertThat(Json.mapper().convertValue(manifest.get("annotations"), java.util.Map.class))
        .isEqualTo(java.util.Map.of("org.example.plain", "p", "org.example.both", "b"));
    String pushed = rawDigest(ref);
    assertThat(Files.readString(tmp.resolve("iid"))).isEqualTo(pushed);
    assertThat(Json.mapper().readTree(tmp.resolve("meta.json").toFile()).get("containerimage.digest").asText())
        .isEqualTo(pushed);
    String local = Proc.tool(tmp, "sh", "-c", "skopeo inspect --raw 'oci:" + home + ":" + ref + "' | sha256sum")
        .ok().out().substring(0, 64);
    assertThat(pushed).isEqualTo("sha256:" + local);

    String docker = registry.hostPort() + "/annotated/app:docker";
    Proc.hoist(home, tmp, null, "build", "--platform", "linux/amd64,linux/arm64", "-t", docker,
        "--output", "type=registry,oci-mediatypes=false", "--iidfile", tmp.resolve("iid-docker").toString(),
        "--metadata-file", tmp.resolve("meta-docker.json").toString(), ctx.toString()).ok();
    String list = rawDigest(docker);
    assertThat(Files.readString(tmp.resolve("iid-docker"))).isEqualTo(list).isNotEqualTo(pushed);
    JsonNode meta = Json.mapper().readTree(tmp.resolve("meta-docker.json").toFile());
    assertThat(meta.get("containerimage.digest").asText()).isEqualTo(list);
    assertThat(meta.get("containerimage.descriptor").get("mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");

    Proc refused = Proc.hoist(home, tmp, null, "build", "--platform", "linux/amd64,linux/arm64", "-t", docker,
        "--annotation", "index:k=v", "--output", "type=registry,oci-mediatypes=false", ctx.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).startsWith("hoist: --annotation needs OCI media types").hasLineCount(1);
  }

  @Test
  void aSecondRepositoryOfTheRegistryGetsTheLayerByMount() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.write(ctx.resolve("data.bin"), new byte[256 * 1024]);
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.bin /\n");
    Path home = tmp.resolve("home");
    String first = registry.hostPort() + "/mount/first:1";
    String second = registry.hostPort() + "/mount/second:1";
    Proc.hoist(home, tmp, null, "build", "-q", "-t", first, "--push", ctx.toString()).ok();
    assertThat(Files.readString(home.resolve("hoist-cache").resolve("blob-locations.tsv")))
        .contains(registry.hostPort() + "\tsha256:").contains("\tmount/first\n");
    Proc.hoist(home, tmp, null, "build", "-q", "-t", second, "--push", ctx.toString()).ok();
    assertThat(raw(second).get("Layers")).isEqualTo(raw(first).get("Layers"));
    assertThat(Files.readString(home.resolve("hoist-cache").resolve("blob-locations.tsv")))
        .contains("\tmount/second\n").doesNotContain("\tmount/first\n");
  }

  @Test
  void buildsFromARegistryBaseAndNamesMissingPlatforms() throws Exception {
    BusyboxImage.assumeAvailable();
    Path seed = tmp.resolve("seed");
    BusyboxImage.importInto(LocalStore.open(seed), "busybox:latest", Files.createDirectories(tmp.resolve("work")));
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    String base = registry.hostPort() + "/base/busybox:1";
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n");
    Proc.hoist(seed, tmp, null, "build", "-q", "-t", base, "--push", ctx.toString()).ok();

    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nCOPY --chown=app hello.txt /home/app/\n");
    Path fresh = tmp.resolve("fresh");
    Proc.hoist(fresh, tmp, null, "build", "-q", "-t", "derived:1", ctx.toString()).ok();
    JsonNode config = Json.mapper().readTree(Proc.tool(tmp, "skopeo", "inspect", "--config", "--raw",
        "oci:" + fresh + ":derived:1").ok().out());
    assertThat(config.get("rootfs").get("diff_ids")).hasSize(2);
    assertThat(config.get("config").get("Cmd").get(0).asText()).isEqualTo("sh");

    Proc bad = Proc.hoist(fresh, tmp, null, "build", "--platform", "linux/s390x", ctx.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err().strip()).startsWith("hoist: Dockerfile:1:1: FROM " + base).contains("not linux/s390x");
    assertThat(bad.err().strip().lines().count()).isEqualTo(1);
  }
}
