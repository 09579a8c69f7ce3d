package dev.hoist.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** One request over {@code java.net.http}, for the methods {@code HttpURLConnection} cannot send. */
final class HttpClientExchange {
  static {
    // The JDK client moves bodies in buffers of this size (default 16 KiB); chunks are large.
    // Read once, when the JDK's HTTP classes load.
    if (System.getProperty("jdk.httpclient.bufsize") == null) {
      System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
    }
  }
  private final HttpClient client;

  HttpClientExchange(SSLContext ssl, Optional<EnvProxySelector> proxy) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(30))
        .sslContext(ssl)
        // explicit (engine-default) parameters: the JDK then does not initialise TLS when the client is built
        .sslParameters(new SSLParameters());
    proxy.ifPresent(b::proxy);
    this.client = b.build();
  }

  /** Sends one request; {@code via} is the proxy the client's selector picks for {@code uri}, if any. */
  Response send(String method, URI uri, Map<String, String> headers, Optional<BodySource> body,
      Optional<ProxyEndpoint> via) throws IOException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri);
    headers.forEach(rb::header);
    // the JDK puts it on the CONNECT and keeps it out of the tunnel (see ProxyCredentials)
    via.flatMap(ProxyEndpoint::authorization)
        .ifPresent(v -> rb.header("Proxy-Authorization", v));
    rb.method(method, body.map(HttpClientExchange::publisher).orElse(HttpRequest.BodyPublishers.noBody()));
    try {
      HttpResponse<InputStream> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Response(r.statusCode(), r.headers().map(), r.body(), uri);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static HttpRequest.BodyPublisher publisher(BodySource body) {
    return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
      try {
        return body.open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }), body.length());
  }
}
