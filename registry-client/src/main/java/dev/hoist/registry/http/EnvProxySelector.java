package dev.hoist.registry.http;

import dev.hoist.registry.Environment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks a proxy the way Go programs do: {@code HTTPS_PROXY} for https, {@code HTTP_PROXY} for
 * http (upper or lower case), except for loopback hosts and hosts {@code NO_PROXY} lists (suffix
 * match, {@code *} for all).
 */
public final class EnvProxySelector extends ProxySelector {
  private final Optional<InetSocketAddress> https;
  private final Optional<InetSocketAddress> http;
  private final List<String> noProxy;

  private EnvProxySelector(Optional<InetSocketAddress> https, Optional<InetSocketAddress> http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  /** The selector for {@code env}, empty when no proxy variable is set. */
  public static Optional<ProxySelector> from(Environment env) {
    Optional<InetSocketAddress> https = address(env, "HTTPS_PROXY");
    Optional<InetSocketAddress> http = address(env, "HTTP_PROXY");
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

  private static Optional<InetSocketAddress> address(Environment env, String name) {
    return variable(env, name).map(v -> {
      URI u = URI.create(v.contains("://") ? v : "http://" + v);
      int port = u.getPort() >= 0 ? u.getPort() : (u.getScheme().equals("https") ? 443 : 80);
      return InetSocketAddress.createUnresolved(u.getHost(), port);
    });
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
    int port = uri.getPort() >= 0 ? uri.getPort() : (uri.getScheme().equals("https") ? 443 : 80);
    if (bypass(uri.getHost(), port)) {
      return List.of(Proxy.NO_PROXY);
    }
    Optional<InetSocketAddress> p = uri.getScheme().equals("https") ? https : http;
    return p.<List<Proxy>>map(a -> List.of(new Proxy(Proxy.Type.HTTP, a))).orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
}
