package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Json;
import dev.hoist.registry.testing.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cache-to}/{@code --cache-from} through a real docker-registry, read back with skopeo. */
class BuildCacheIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
  @TempDir Path tmp;

  private Path context(String name) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve(name));
    Files.writeString(ctx.resolve("Dockerfile"), """
        FROM scratch AS tools
        COPY tool.sh /bin/
        FROM scratch
        COPY app.txt /
        COPY --from=tools /bin/tool.sh /usr/bin/
        LABEL tier=web
        """);
    Files.writeString(ctx.resolve("app.txt"), "app\n");
    Files.writeString(ctx.resolve("tool.sh"), "echo tool\n");
    return ctx;
  }

  @Test
  void aFreshMachineTakesEveryStepFromARegistryCache() throws Exception {
    String cache = registry.hostPort() + "/app/cache:main";
    Proc first = Proc.hoist(tmp.resolve("home1"), tmp, null, "build", "--progress", "plain",
        "--cache-from", cache, "--cache-to", "type=registry,ref=" + cache + ",mode=max",
        "--iidfile", tmp.resolve("iid1").toString(), context("ctx1").toString()).ok();
    assertThat(first.err()).contains("exported 4 cache entries to " + cache).doesNotContain("CACHED");

    JsonNode index = Json.mapper().readTree(Proc.tool(tmp, "skopeo", "inspect", "--raw", "--tls-verify=false",
        "docker://" + cache).ok().out());
    assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.get("manifests")).hasSize(4);
    assertThat(index.get("manifests").get(0).get("annotations").get("dev.hoist.cache.key").asText())
        .startsWith("sha256:");

    Proc second = Proc.hoist(tmp.resolve("home2"), tmp, null, "build", "--progress", "plain",
        "--cache-from", "type=registry,ref=" + cache, "--iidfile", tmp.resolve("iid2").toString(),
        context("ctx2").toString()).ok();
    assertThat(second.err()).contains("CACHED").doesNotContain(" DONE ");
    assertThat(Files.readString(tmp.resolve("iid2"))).isEqualTo(Files.readString(tmp.resolve("iid1")));
  }

  @Test
  void badSpecsAreUsageErrors() throws Exception {
    Proc bad = Proc.hoist(tmp.resolve("home"), tmp, null, "build", "--cache-to", "type=gha", context("ctx").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo(
        "hoist: invalid --cache-to type=gha: unsupported type gha (hoist supports type=registry and type=local)");
  }
}
