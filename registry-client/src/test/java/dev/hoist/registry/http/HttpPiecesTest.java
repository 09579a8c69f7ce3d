package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.registry.Environment;
import dev.hoist.registry.auth.Challenge;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small parsers and policies of the HTTP layer. */
class HttpPiecesTest {
  @Test
  void challengeParsing() {
    Challenge c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg.example\","
        + "scope=\"repository:a/b:pull,push\"").orElseThrow();
    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("realm")).contains("https://auth.example/token");
    assertThat(c.param("service")).contains("reg.example");
    assertThat(c.param("scope")).contains("repository:a/b:pull,push");
    assertThat(Challenge.parse("Basic realm=\"x\"").orElseThrow().isBasic()).isTrue();
  }

  @Test
  void linkHeaderNext() {
    assertThat(LinkHeader.next(List.of("</v2/_catalog?last=b&n=2>; rel=\"next\""))).contains("/v2/_catalog?last=b&n=2");
    assertThat(LinkHeader.next(List.of("</x>; rel=\"prev\""))).isEmpty();
    assertThat(LinkHeader.next(List.of())).isEmpty();
  }

  @Test
  void retryAfterIsHonouredAndBackoffGrowsWithinBounds() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));
    assertThat(p.delay(1, Optional.of("3"))).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.delay(1, Optional.of("3600"))).isEqualTo(Duration.ofSeconds(5));
    for (int attempt = 1; attempt <= 10; attempt++) {
      Duration d = p.delay(attempt, Optional.empty());
      long cap = Math.min(100L << (attempt - 1), 5000);
      assertThat(d.toMillis()).isBetween(cap / 2, cap);
    }
    assertThat(RetryPolicy.retryableStatus(503)).isTrue();
    assertThat(RetryPolicy.retryableStatus(429)).isTrue();
    assertThat(RetryPolicy.retryableStatus(404)).isFalse();
  }

  @Test
  void proxiesFromEnvironmentWithNoProxy() {
    EnvProxySelector s = EnvProxySelector.from(new Environment(Map.of(
        "HTTPS_PROXY", "http://proxy.example:3128", "NO_PROXY", "internal.example,.corp,10.0.0.1:5000"), Path.of("/")))
        .orElseThrow();
    assertThat(s.select(URI.create("https://reg.example/v2/")).get(0).type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(s.select(URI.create("https://internal.example/v2/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("https://a.corp/v2/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("https://10.0.0.1:5000/v2/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("https://10.0.0.1:5001/v2/")).get(0).type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(s.select(URI.create("http://127.0.0.1:5000/v2/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("http://localhost:5000/v2/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(EnvProxySelector.from(new Environment(Map.of(), Path.of("/")))).isEmpty();
  }

  @Test
  void proxyUrlCredentialsArePercentDecodedAndNeverShown() {
    EnvProxySelector s = EnvProxySelector.from(new Environment(Map.of(
        "HTTPS_PROXY", "http://alice:p%40ss%3Aword@proxy.example:3128"), Path.of("/"))).orElseThrow();
    ProxyEndpoint p = s.endpoint(URI.create("https://reg.example/v2/")).orElseThrow();
    assertThat(p.authorization()).contains("Basic " + java.util.Base64.getEncoder()
        .encodeToString("alice:p@ss:word".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(p).hasToString("http://alice:***@proxy.example:3128");
    assertThat(s.endpoint(URI.create("http://reg.example/v2/"))).isEmpty();
    assertThatThrownBy(() -> EnvProxySelector.from(new Environment(Map.of(
        "HTTPS_PROXY", "http://bob:se cret@proxy example:3128"), Path.of("/"))))
        .hasMessage("HTTPS_PROXY is not a proxy URL: http://***@proxy example:3128");
  }

  @Test
  void loopbackDetection() {
    assertThat(HttpTransport.isLoopback("127.0.0.1:5000")).isTrue();
    assertThat(HttpTransport.isLoopback("localhost:5000")).isTrue();
    assertThat(HttpTransport.isLoopback("[::1]:5000")).isTrue();
    assertThat(HttpTransport.isLoopback("reg.example:5000")).isFalse();
    assertThat(HttpTransport.isLoopback("10.1.2.3")).isFalse();
  }
}
