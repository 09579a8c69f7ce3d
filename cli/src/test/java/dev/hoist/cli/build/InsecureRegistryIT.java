package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Json;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.transfer.testing.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoist build} and {@code hoist run} with {@code --insecure-registry}, against a plain-http
 * docker-registry on this machine's own non-loopback address: FROM, --push, --cache-to and
 * --cache-from reach it only with the option.
 */
class InsecureRegistryIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plainOnHostAddress();
  @TempDir Path tmp;

  /** Pushes the busybox fixture as {@code REGISTRY/base/busybox:1}; returns that name. */
  private String pushBase() throws Exception {
    Path seed = tmp.resolve("seed");
    BusyboxImage.importInto(LocalStore.open(seed), "busybox:latest", Files.createDirectories(tmp.resolve("work")));
    Path ctx = Files.createDirectories(tmp.resolve("base-ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n");
    String base = registry.hostPort() + "/base/busybox:1";
    Proc refused = Proc.hoist(seed, tmp, null, "build", "-q", "-t", base, "--push", ctx.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("hoist: ").contains(registry.hostPort()).hasLineCount(1);
    Proc.hoist(seed, tmp, null, "build", "-q", "-t", base, "--push", "--insecure-registry", registry.hostPort(),
        ctx.toString()).ok();
    return base;
  }

  @Test
  void buildPullsPushesAndCachesThroughAPlainHttpRegistryNamedInsecure() throws Exception {
    String base = pushBase();
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nCOPY hello.txt /\n");
    String app = registry.hostPort() + "/app/hello:1";
    String cache = registry.hostPort() + "/app/hello:cache";

    Proc refused = Proc.hoist(tmp.resolve("refused"), tmp, null, "build", ctx.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("hoist: ").contains(registry.hostPort()).hasLineCount(1);

    Proc.hoist(tmp.resolve("first"), tmp, null, "build", "--progress", "plain", "--insecure-registry",
        registry.hostPort(), "-t", app, "--push", "--cache-to", "type=registry,ref=" + cache, ctx.toString()).ok();
    JsonNode config = Json.mapper().readTree(Proc.tool(tmp, "skopeo", "inspect", "--tls-verify=false", "--config",
        "docker://" + app).ok().out());
    assertThat(config.get("rootfs").get("diff_ids")).hasSize(2);
    assertThat(config.get("config").get("Cmd").get(0).asText()).isEqualTo("sh");

    Proc warm = Proc.hoist(tmp.resolve("second"), tmp, null, "build", "--progress", "plain", "--insecure-registry",
        registry.hostPort(), "--cache-from", "type=registry,ref=" + cache, ctx.toString()).ok();
    assertThat(warm.err()).contains("CACHED");
  }

  @Test
  void runPullsThroughAPlainHttpRegistryNamedInsecure() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")),
        "runc is not installed");
    String base = pushBase();
    Path fresh = tmp.resolve("fresh");
    Proc refused = Proc.hoist(fresh, tmp, null, "run", base, "true");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err().lines().filter(l -> !l.startsWith("warning: "))).singleElement()
        .asString().startsWith("hoist: ").contains(registry.hostPort());
    Proc ran = Proc.hoist(fresh, tmp, null, "run", "--insecure-registry", registry.hostPort(), base,
        "sh", "-c", "echo from $(hostname)").ok();
    assertThat(ran.out()).isEqualTo("from hoist\n");
  }
}
