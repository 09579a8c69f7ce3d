package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Digest;
import dev.hoist.registry.Environment;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.auth.Credential;
import dev.hoist.registry.auth.CredentialStore;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.testing.ForwardProxy;
import dev.hoist.registry.testing.RegistryExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https registry behind a proxy that wants Basic credentials from the proxy URL: both JDK
 * clients (HttpURLConnection for GET/HEAD/POST/PUT, java.net.http for PATCH chunks) authenticate
 * their CONNECT tunnels, and a wrong password is refused with the proxy named, password hidden.
 */
class ProxyAuthTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tlsWithBasicAuth();
  @TempDir Path home;
  private ForwardProxy proxy;
  private String host;

  @BeforeEach
  void start() throws Exception {
    proxy = new ForwardProxy();
    host = registry.proxiedHostPort();
    registry.trustIn(home.resolve("certs.d"), host);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
  }

  private RegistryClient client(String proxyPassword) {
    RegistryConfig config = RegistryConfig.from(new Environment(
            Map.of("HTTPS_PROXY", proxy.url(proxyPassword)), home))
        .withCertsDirs(List.of(home.resolve("certs.d")))
        .withCredentials(CredentialStore.of(Map.of(host,
            new Credential.Basic(RegistryExtension.USER, RegistryExtension.PASSWORD))))
        .withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)))
        .withChunking(256 * 1024, 100 * 1024);
    return RegistryClient.create(host, config);
  }

  @Test
  void monolithicAndChunkedUploadsAndDownloadsGoThroughTheAuthenticatedTunnel() throws Exception {
    Repository repo = client(ForwardProxy.PASSWORD).repository("proxied/app");
    for (int size : new int[] {10_000, 1_000_000}) {
      byte[] blob = new byte[size];
      new Random(size).nextBytes(blob);
      Digest digest = Digest.sha256(blob);
      assertThat(repo.uploadBlob(digest, size, offset -> new ByteArrayInputStream(blob, (int) offset, size - (int) offset)))
          .isEqualTo(UploadOutcome.UPLOADED);
      try (InputStream in = repo.openBlob(digest, size)) {
        assertThat(in.readAllBytes()).isEqualTo(blob);
      }
      assertThat(registry.client().repository("proxied/app").headBlob(digest)).contains((long) size);
    }
    assertThat(proxy.tunnels()).isPositive();
  }

  @Test
  void aWrongProxyPasswordIsRefusedNamingTheProxyWithoutThePassword() {
    assertThatThrownBy(() -> client("not-the-password").repository("proxied/app").tags())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("registry " + host)
        .hasMessageContaining("proxy http://" + ForwardProxy.USER + ":***@127.0.0.1:" + proxy.port())
        .hasMessageContaining("407")
        .hasMessageNotContaining("not-the-password");
    assertThat(proxy.refused()).isPositive();
    assertThat(proxy.tunnels()).isZero();
  }
}
