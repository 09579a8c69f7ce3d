package dev.hoist.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.Environment;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.http.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers docker-registry never gives (schema 1, unknown media types, a generic Content-Type, 403,
 * a manifest that does not match its digest, endless 503, tag lists of odd shapes), served by a
 * tiny HTTP server: each is one clear line.
 */
class BadAnswersTest {
  HttpServer server;
  String host;
  @TempDir Path home;
  static final byte[] OTHER = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{}}"
      .getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/v2/", ex -> {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        send(ex, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith("/manifests/old")) {
        send(ex, 200, "application/vnd.docker.distribution.manifest.v1+prettyjws",
            "{\"schemaVersion\":1,\"name\":\"app\"}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith("/manifests/plain")) {
        send(ex, 200, "application/json", OTHER);
      } else if (path.endsWith("/manifests/untyped-old")) {
        send(ex, 200, "", "{\"schemaVersion\":1,\"name\":\"app\"}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith("/manifests/weird")) {
        send(ex, 200, "application/vnd.example.thing+json", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.thing+json\"}"
            .getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/v2/odd/tags/list")) {
        send(ex, 200, "application/json", "{\"name\":\"odd\",\"tags\":[\"v1\",2,null,{},true]}".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/v2/scalar/tags/list")) {
        send(ex, 200, "application/json", "{\"tags\":\"v1\"}".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/v2/broken/tags/list")) {
        send(ex, 200, "application/json", "{\"tags\":[\"v1\"".getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith("/v2/secret/")) {
        send(ex, 403, "application/json",
            "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"
                .getBytes(StandardCharsets.UTF_8));
      } else if (path.contains("/manifests/sha256:")) {
        send(ex, 200, "application/vnd.oci.image.manifest.v1+json", OTHER);
      } else if (path.endsWith("/manifests/busy")) {
        ex.getResponseHeaders().add("Retry-After", "0");
        send(ex, 503, "text/plain", new byte[0]);
      } else {
        send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"
            .getBytes(StandardCharsets.UTF_8));
      }
    });
    server.start();
    host = "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0 && !ex.getRequestMethod().equals("HEAD")) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  private Repository repo(String name) {
    RegistryConfig c = RegistryConfig.from(new Environment(Map.of(), home)).withCertsDirs(List.of())
        .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10)));
    return RegistryClient.create(host, c).repository(name);
  }

  @Test
  void schemaOneIsRefusedClearly() {
    assertThatThrownBy(() -> repo("app").manifest("old"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry " + host + ": repository app: manifest for tag old is Docker schema 1, "
            + "which hoist does not support; re-push the image with a current client");
  }

  @Test
  void aGenericContentTypeIsReadFromTheBody() {
    assertThat(repo("app").manifest("plain").mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThatThrownBy(() -> repo("app").manifest("untyped-old")).hasMessageContaining("is Docker schema 1");
  }

  @Test
  void unknownMediaTypeIsNamed() {
    assertThatThrownBy(() -> repo("app").manifest("weird"))
        .hasMessage("registry " + host + ": repository app: manifest for tag weird has unsupported media type "
            + "application/vnd.example.thing+json");
    assertThatThrownBy(() -> repo("app").putManifest(new byte[] {'{', '}'}, "text/plain", "v1"))
        .isInstanceOf(HoistException.class).hasMessageContaining("text/plain");
  }

  @Test
  void forbiddenAndUnknownRepositoryCarryTheRegistrysMessage() {
    assertThatThrownBy(() -> repo("secret").tags())
        .hasMessage("registry " + host + ": repository secret: requested access to the resource is denied (HTTP 403) while listing tags");
    assertThatThrownBy(() -> repo("nothing").manifest("v1"))
        .hasMessage("registry " + host + ": repository nothing: repository name not known to registry (HTTP 404) for tag v1");
  }

  @Test
  void tagListsAreReadAsTextAndBrokenOnesAreOneLine() {
    assertThat(repo("odd").tags()).containsExactly("v1", "2", "null", "", "true");
    assertThat(repo("scalar").tags()).isEmpty();
    assertThatThrownBy(() -> repo("broken").tags()).isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry " + host + ": repository broken: invalid JSON in the answer while listing tags: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void manifestNotMatchingItsDigestIsRefused() {
    Digest asked = Digest.sha256("something else");
    assertThatThrownBy(() -> repo("app").manifest(asked.toString()))
        .hasMessageContaining("digest mismatch for manifest " + asked)
        .hasMessageContaining("content hashes to " + Digest.sha256(OTHER));
  }

  @Test
  void persistent503GivesUpAfterBoundedTries() {
    assertThatThrownBy(() -> repo("app").manifest("busy"))
        .hasMessage("registry " + host + ": repository app: server error (HTTP 503) for tag busy");
  }
}
