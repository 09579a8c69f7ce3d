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
 *
 * <p>Basic on a {@code CONNECT} is off in the JDK unless the system property
 * {@code jdk.http.auth.tunneling.disabledSchemes} leaves it out, and the JDK's HTTP clients read
 * that property once, when their classes load. So when (and only when) a proxy URL carries
 * credentials, building the selector sets the property to the empty list, unless it is already
 * set; without credentials it stays as it is, and other HTTP clients in the JVM keep the default.
 * In the {@code hoist} command the selector is built before its first request. <b>A program that
 * embeds hoist</b> and has made HTTP requests (with {@code HttpURLConnection} or
 * {@code java.net.http}, its own or a library's such as JGit) before it builds a
 * {@code RegistryConfig} with a credentialed proxy must start its JVM with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (empty, or without {@code Basic}): set later,
 * the property has no effect and the proxy refuses the tunnel with 407.
 */
public final class EnvProxySelector extends ProxySelector {
  private static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

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
    if (withCredentials.isEmpty()) {
      this.credentials = Optional.empty();
    } else {
      allowBasicOnTunnels();
      this.credentials = Optional.of(new ProxyCredentials(withCredentials));
    }
  }

  /**
   * Lets both JDK clients send Basic on {@code CONNECT} (their default, {@code "Basic"}, keeps it
   * off), for a proxy URL's credentials: only {@link ProxyCredentials} answers, and only for that
   * proxy's own user. A value set on the command line stays.
   */
  private static void allowBasicOnTunnels() {
    if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
      System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
    }
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
