package dev.hoist.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Digest;
import dev.hoist.registry.testing.ForwardProxy;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/hoist behind an authenticating forward proxy ({@code HTTPS_PROXY=http://user:pw@...}) in front
 * of a TLS registry with its own Basic auth: pull and push go through CONNECT tunnels; a wrong proxy
 * password fails with the proxy's status and the password hidden.
 */
class ProxyIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tlsWithBasicAuth();
  @TempDir Path home;
  private ForwardProxy proxy;
  private String host;

  @BeforeEach
  void start() throws Exception {
    proxy = new ForwardProxy();
    host = registry.proxiedHostPort();
    registry.trustIn(home.resolve(".config/hoist/certs.d"), host);
    String auth = Base64.getEncoder().encodeToString(
        (RegistryExtension.USER + ":" + RegistryExtension.PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
  }

  @Test
  void pullAndPushGoThroughTheProxyWithItsCredentials() throws Exception {
    TestImage image = registry.pushRandomImage("proxied/app", "v1", 300_000, 200_000, 100_000);
    Map<String, String> env = Map.of("HTTPS_PROXY", proxy.url());

    HoistRun.Result pull = HoistRun.runWith(home, env, null, "pull", host + "/proxied/app:v1");
    assertThat(pull.exit()).as(pull.err()).isZero();
    HoistRun.Result push = HoistRun.runWith(home, env, null, "push", host + "/proxied/app:v1", host + "/proxied/copy:v2");
    assertThat(push.exit()).as(push.err()).isZero();

    assertThat(proxy.tunnels()).isPositive();
    byte[] manifest = skopeoRaw(registry.hostPort() + "/proxied/copy:v2");
    assertThat(Digest.sha256(manifest)).isEqualTo(image.digest());
  }

  @Test
  void aWrongProxyPasswordFailsNamingTheProxyStatusWithThePasswordHidden() throws Exception {
    registry.pushRandomImage("proxied/app", "v1", 1000);
    HoistRun.Result pull = HoistRun.runWith(home, Map.of("HTTPS_PROXY", proxy.url("wrong-Passw0rd")), null,
        "pull", host + "/proxied/app:v1");
    assertThat(pull.exit()).isEqualTo(1);
    assertThat(pull.err().strip()).doesNotContain("\n")
        .startsWith("hoist: registry " + host + ": ")
        .contains("proxy http://" + ForwardProxy.USER + ":***@127.0.0.1:" + proxy.port())
        .contains("(HTTP 407")
        .doesNotContain("wrong-Passw0rd");
    assertThat(proxy.refused()).isPositive();
    assertThat(proxy.tunnels()).isZero();
  }

  private byte[] skopeoRaw(String ref) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/skopeo"))) {
      System.out.println("SKIPPED ProxyIT read-back: /usr/bin/skopeo is not installed (apt-get install skopeo)");
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "/usr/bin/skopeo is not installed");
    }
    Process p = new ProcessBuilder(List.of("skopeo", "--insecure-policy", "inspect", "--raw",
        "--cert-dir", registry.certsDir().orElseThrow().resolve(registry.hostPort()).toString(),
        "--creds", RegistryExtension.USER + ":" + RegistryExtension.PASSWORD, "docker://" + ref))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }
}
