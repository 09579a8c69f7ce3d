package dev.hoist.registry.http;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The HTTP client for one trust setting: {@link UrlConnectionExchange} for every method it can
 * send, {@link HttpClientExchange} ({@code java.net.http}, built on first use) for {@code PATCH},
 * which {@code HttpURLConnection} refuses.
 *
 * <p>Why not {@code java.net.http} for everything: hoist runs as a short-lived process, and in a
 * JVM that has not compiled it yet, {@code java.net.http}'s reactive body pipeline costs far more
 * CPU than the bytes it moves. Measured in cold JVMs against a local registry: five small GETs
 * cost 0.8 s of CPU with {@code java.net.http} and 0.15 s with {@code HttpURLConnection}; a
 * verified 50 MB blob GET costs 1.2 s against 0.4 s. Chunked uploads (blobs above the chunking
 * threshold, where the transfer dwarfs JVM warm-up) are the only requests left on it.
 */
final class Wire implements Exchange {
  // HttpURLConnection reports a refused CONNECT only in its message
  private static final Pattern TUNNEL_REFUSED =
      Pattern.compile("Unable to tunnel through proxy\\. Proxy returns \"HTTP/1\\.\\d (\\d{3}) ?([^\"]*)\"");
  private final UrlConnectionExchange urlConnection;
  private final SSLContext ssl;
  private final Optional<EnvProxySelector> proxy;
  private volatile HttpClientExchange httpClient;

  Wire(SSLContext ssl, Optional<EnvProxySelector> proxy) {
    this.ssl = ssl;
    this.proxy = proxy;
    this.urlConnection = new UrlConnectionExchange(ssl, proxy);
  }

  /**
   * Sends one request; a proxy's refusal (a 407 its credentials did not lift, or any error status to
   * a {@code CONNECT}) becomes a {@link ProxyRefusedException} naming the proxy, password hidden.
   */
  @Override
  public Response send(String method, URI uri, Map<String, String> headers, Optional<BodySource> body)
      throws IOException {
    Optional<ProxyEndpoint> via = proxy.flatMap(p -> p.endpoint(uri));
    Response resp;
    try {
      resp = UrlConnectionExchange.sends(method)
          ? urlConnection.send(method, uri, headers, body, via)
          : httpClient().send(method, uri, headers, body, via);
    } catch (IOException e) {
      Matcher m = TUNNEL_REFUSED.matcher(String.valueOf(e.getMessage()));
      if (m.find() && via.isPresent()) {
        throw new ProxyRefusedException(via.get(), Integer.parseInt(m.group(1)), m.group(2).trim());
      }
      throw e;
    }
    if (resp.status() == 407 && via.isPresent()) {
      resp.discard();
      throw new ProxyRefusedException(via.get(), 407, "Proxy Authentication Required");
    }
    return resp;
  }

  private HttpClientExchange httpClient() {
    HttpClientExchange c = httpClient;
    if (c == null) {
      synchronized (this) {
        c = httpClient;
        if (c == null) {
          c = new HttpClientExchange(ssl, proxy);
          httpClient = c;
        }
      }
    }
    return c;
  }
}
