package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoist.oci.Digest;
import dev.hoist.registry.Environment;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.auth.Credential;
import dev.hoist.registry.auth.CredentialStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that needs Basic auth and redirects blob GETs to another origin (as registries do
 * to object storage): the blob arrives, and no {@code Authorization} header reaches the other origin.
 */
class RedirectTest {
  static final String USER = "redirect-user";
  static final String PASSWORD = "redirect-secret";
  HttpServer registry;
  HttpServer storage;
  final List<String> storageAuthHeaders = new CopyOnWriteArrayList<>();
  final List<String> registryBlobAuth = new CopyOnWriteArrayList<>();
  final byte[] blob = new byte[200_000];
  Digest digest;
  volatile boolean refuse;
  @TempDir Path home;

  @BeforeEach
  void start() throws IOException {
    new Random(3).nextBytes(blob);
    digest = Digest.sha256(blob);
    storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    storage.createContext("/", ex -> {
      storageAuthHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      send(ex, 200, blob);
    });
    storage.start();
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    String expected = "Basic " + java.util.Base64.getEncoder()
        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    registry.createContext("/", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (!expected.equals(auth)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
        send(ex, 401, new byte[0]);
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (path.contains("/blobs/")) {
        if (ex.getRequestURI().getPath().endsWith(digest.toString()) && refuse) {
          ex.getResponseHeaders().add("Location", "ftp://127.0.0.1/x");
          send(ex, 307, new byte[0]);
          return;
        }
        registryBlobAuth.add(auth);
        String target = "http://localhost:" + storage.getAddress().getPort() + "/bucket/" + digest.hex() + "?sig=abc";
        ex.getResponseHeaders().add("Location", target);
        send(ex, 307, new byte[0]);
        return;
      }
      send(ex, 200, "{}".getBytes(StandardCharsets.UTF_8));
    });
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.stop(0);
    storage.stop(0);
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  @Test
  void credentialsStayWithTheRegistryWhenABlobIsRedirectedElsewhere() throws IOException {
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    RegistryConfig config = RegistryConfig.from(new Environment(Map.of(), home))
        .withCertsDirs(List.of())
        .withCredentials(CredentialStore.of(Map.of(host, new Credential.Basic(USER, PASSWORD))));
    RegistryClient client = RegistryClient.create(host, config);
    try (InputStream in = client.repository("app").openBlob(digest, blob.length)) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
    assertThat(registryBlobAuth).isNotEmpty().allMatch(a -> a.startsWith("Basic "));
    assertThat(storageAuthHeaders).isNotEmpty().containsOnly("null");
  }

  @Test
  void redirectsToOtherSchemesOrDowngradesAreRefused() {
    assertThat(RedirectGuard.allowed(URI.create("https://reg.example/v2/"), URI.create("http://cdn.example/x"))).isFalse();
    assertThat(RedirectGuard.allowed(URI.create("http://reg.example/v2/"), URI.create("https://cdn.example/x"))).isTrue();
    assertThat(RedirectGuard.allowed(URI.create("https://reg.example/v2/"), URI.create("https://cdn.example/x"))).isTrue();
    assertThat(RedirectGuard.sameOrigin(URI.create("https://reg.example/a"), URI.create("https://reg.example:443/b"))).isTrue();
    assertThat(RedirectGuard.sameOrigin(URI.create("https://reg.example/a"), URI.create("https://reg.example:8443/b"))).isFalse();
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    RegistryClient client = RegistryClient.create(host, RegistryConfig.from(new Environment(Map.of(), home))
        .withCertsDirs(List.of())
        .withCredentials(CredentialStore.of(Map.of(host, new Credential.Basic(USER, PASSWORD)))));
    refuse = true;
    assertThatThrownBy(() -> client.repository("app").openBlob(digest, -1).close())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("refused redirect");
  }
}
