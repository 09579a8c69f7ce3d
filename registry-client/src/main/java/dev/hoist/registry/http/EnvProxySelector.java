package dev.hoist.registry.http;

import dev.hoist.registry.Environment;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Picks a proxy the way Go programs do: {@code HTTPS_PROXY} for https, {@code HTTP_PROXY} for
 * http (upper or lower case), except for loopback hosts and hosts {@code NO_PROXY} lists (suffix
 * match, {@code *} for all). A proxy URL's {@code user:password@} goes to that proxy as
 * {@code Proxy-Authorization: Basic}, also on {@code CONNECT} tunnels (see {@link ProxyCredentials}).
 */
public final class EnvProxySelector extends ProxySelector {
  static {
    // Both JDK clients read this once, when their HTTP classes load: RegistryConfig builds this
    // selector before hoist's first request. The default ("Basic") keeps Basic off CONNECT; here
    // only ProxyCredentials can answer, and only for the proxy URL's own user. A value the user set
    // on the command line stays.
    if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
      System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }
  }

  private final Optional<ProxyEndpoint> https;
  private final Optional<ProxyEndpoint> http;
  private final List<String> noProxy;
  private final Optional<java.net.Authenticator> credentials;

  private EnvProxySelector(Optional<ProxyEndpoint> https, Optional<ProxyEndpoint> http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
    List<ProxyEndpoint> withCredentials = Stream.of(https, http).flatMap(Optional::stream)
        .filter(p -> p.credentials().isPresent()).toList();
    this.credentials = withCredentials.isEmpty() ? Optional.empty() : Optional.of(new ProxyCredentials(withCredentials));
  }

  /** The selector for {@code env}, empty when no proxy variable is set. */
  public static Optional<EnvProxySelector> from(Environment env) {
    Optional<ProxyEndpoint> https = endpoint(env, "HTTPS_PROXY");
    Optional<ProxyEndpoint> http = endpoint(env, "HTTP_PROXY");
    if (https.isEmpty() && http.isEmpty()) {
      return Optional.empty();
    }
    String no = variable(env, "NO_PROXY").orElse("");
    List<String> entries = java.util.Arrays.stream(no.split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
    return Optional.of(new EnvProxySelector(https, http, entries));
  }

  private static Optional<String> variable(Environment env, String name) {
    return env.get(name).or(() -> env.get(name.toLowerCase(Locale.ROOT)));
  }

  private static Optional<ProxyEndpoint> endpoint(Environment env, String name) {
    return variable(env, name).map(v -> ProxyEndpoint.parse(name, v));
  }

  /** What answers the proxies' 407s to {@code HttpURLConnection}, when a proxy URL carries credentials. */
  Optional<java.net.Authenticator> credentials() {
    return credentials;
  }

  /** The proxy {@code uri} goes through, empty when it goes direct. */
  Optional<ProxyEndpoint> endpoint(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : (uri.getScheme().equals("https") ? 443 : 80);
    if (bypass(uri.getHost(), port)) {
      return Optional.empty();
    }
    return uri.getScheme().equals("https") ? https : http;
  }

  /** Whether {@code host[:port]} bypasses the proxy: loopback always does, as in Go. */
  boolean bypass(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    if (HttpTransport.isLoopback(h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h)) {
      return true;
    }
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String e = entry;
      int colon = e.lastIndexOf(':');
      if (colon > 0 && !e.contains("]") || (colon > 0 && e.startsWith("[") && e.indexOf(']') < colon)) {
        if (!e.substring(colon + 1).equals(String.valueOf(port))) {
          continue;
        }
        e = e.substring(0, colon);
      }
      e = e.startsWith(".") ? e.substring(1) : e.startsWith("*.") ? e.substring(2) : e;
      if (h.equals(e) || h.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Proxy> select(URI uri) {
    return endpoint(uri).<List<Proxy>>map(p -> List.of(new Proxy(Proxy.Type.HTTP, p.address())))
        .orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
}
