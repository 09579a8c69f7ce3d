package dev.hoist.registry.http;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.List;

/**
 * Answers {@code HttpURLConnection}'s requests for proxy credentials with the {@code user:password}
 * of the proxy URL, and only for that proxy: a registry's own 401 stays the transport's business.
 *
 * <p>Why two mechanisms. {@code HttpURLConnection} sends the {@code CONNECT} of an https request
 * itself with none of the request's headers, and would pass a {@code Proxy-Authorization} header
 * of ours on, inside the tunnel, to the registry: an {@link Authenticator} set on the connection is
 * its one way to authenticate the tunnel (and plain proxied requests), answering the proxy's 407.
 * {@code java.net.http} (PATCH only) is the other way round: an authenticator there throws on
 * every 401 it cannot answer, which would break the registry's token challenges, while it copies a
 * {@code Proxy-Authorization} request header onto the {@code CONNECT} (or a plain proxied request)
 * and strips it from what goes through the tunnel; {@link HttpClientExchange} sends that header.
 * Both refuse Basic for tunnels unless {@code jdk.http.auth.tunneling.disabledSchemes} allows it,
 * see {@link EnvProxySelector}.
 */
final class ProxyCredentials extends Authenticator {
  private final List<ProxyEndpoint> proxies;

  ProxyCredentials(List<ProxyEndpoint> proxies) {
    this.proxies = List.copyOf(proxies);
  }

  @Override
  protected PasswordAuthentication getPasswordAuthentication() {
    if (getRequestorType() != RequestorType.PROXY) {
      return null;
    }
    for (ProxyEndpoint p : proxies) {
      if (p.is(getRequestingHost(), getRequestingPort()) && p.credentials().isPresent()) {
        return p.credentials().get();
      }
    }
    return null;
  }
}
