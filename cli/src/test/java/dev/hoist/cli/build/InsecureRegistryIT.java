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
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoist build} and {@code hoist run} with {@code --insecure-registry}, against a TLS
 * docker-registry on loopback whose test CA hoist is not given (its own HOME and XDG_CONFIG_HOME
 * hold no {@code certs.d}): FROM, --push, --cache-to and --cache-from reach it only with the option,
 * which also means "TLS without verifying the certificate". (Plain http to loopback is allowed
 * without the option, so a plain-http registry would prove nothing here; tests reach loopback only.)
 */
class InsecureRegistryIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tls();
  @TempDir Path tmp;

  /**
   * Runs {@code bin/hoist} with {@code HOIST_HOME=hoistHome} and a HOME, XDG_CONFIG_HOME and
   * DOCKER_CONFIG of its own under the test folder, so no {@code certs.d} it reads trusts the
   * registry's CA.
   */
  private Proc hoist(Path hoistHome, String... args) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    List<String> cmd = new ArrayList<>(List.of(Proc.repo().resolve("bin/hoist").toString()));
    cmd.addAll(List.of(args));
    return Proc.run(cmd, Map.of("HOIST_HOME", hoistHome.toString(), "HOME", home.toString(),
        "XDG_CONFIG_HOME", home.resolve(".config").toString(), "DOCKER_CONFIG", home.resolve(".docker").toString()),
        tmp, null);
  }

  /** The one line hoist prints when it refuses the registry's certificate. */
  private static void assertRefusedLine(String line) {
    assertThat(line).startsWith("hoist: ").contains("registry " + registry.hostPort())
        .contains("TLS certificate not trusted").contains("--insecure-registry " + registry.hostPort());
  }

  /** Pushes the busybox fixture as {@code REGISTRY/base/busybox:1}; returns that name. */
  private String pushBase() throws Exception {
    Path seed = tmp.resolve("seed");
    BusyboxImage.importInto(LocalStore.open(seed), "busybox:latest", Files.createDirectories(tmp.resolve("work")));
    Path ctx = Files.createDirectories(tmp.resolve("base-ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n");
    String base = registry.hostPort() + "/base/busybox:1";
    Proc refused = hoist(seed, "build", "-q", "-t", base, "--push", ctx.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).hasLineCount(1);
    assertRefusedLine(refused.err());
    hoist(seed, "build", "-q", "-t", base, "--push", "--insecure-registry", registry.hostPort(),
        ctx.toString()).ok();
    return base;
  }

  @Test
  void buildPullsPushesAndCachesThroughAnUntrustedTlsRegistryNamedInsecure() throws Exception {
    String base = pushBase();
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nCOPY hello.txt /\n");
    String app = registry.hostPort() + "/app/hello:1";
    String cache = registry.hostPort() + "/app/hello:cache";

    Proc refused = hoist(tmp.resolve("refused"), "build", ctx.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).hasLineCount(1);
    assertRefusedLine(refused.err());

    hoist(tmp.resolve("first"), "build", "--progress", "plain", "--insecure-registry",
        registry.hostPort(), "-t", app, "--push", "--cache-to", "type=registry,ref=" + cache, ctx.toString()).ok();
    JsonNode config = Json.mapper().readTree(Proc.tool(tmp, "skopeo", "inspect", "--tls-verify=false", "--config",
        "docker://" + app).ok().out());
    assertThat(config.get("rootfs").get("diff_ids")).hasSize(2);
    assertThat(config.get("config").get("Cmd").get(0).asText()).isEqualTo("sh");

    Proc warm = hoist(tmp.resolve("second"), "build", "--progress", "plain", "--insecure-registry",
        registry.hostPort(), "--cache-from", "type=registry,ref=" + cache, ctx.toString()).ok();
    assertThat(warm.err()).contains("CACHED");
  }

  @Test
  void runPullsThroughAnUntrustedTlsRegistryNamedInsecure() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")),
        "runc is not installed");
    String base = pushBase();
    Path fresh = tmp.resolve("fresh");
    Proc refused = hoist(fresh, "run", base, "true");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err().lines().filter(l -> !l.startsWith("warning: "))).singleElement()
        .satisfies(InsecureRegistryIT::assertRefusedLine);
    Proc ran = hoist(fresh, "run", "--insecure-registry", registry.hostPort(), base,
        "sh", "-c", "echo from $(hostname)").ok();
    assertThat(ran.out()).isEqualTo("from hoist\n");
  }
}
