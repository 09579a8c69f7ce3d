package dev.hoist.registry.http;

import dev.hoist.oci.HoistException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.util.Optional;

/**
 * One proxy from {@code HTTPS_PROXY}/{@code HTTP_PROXY}: its address and, when the URL carries
 * {@code user:password@} (percent-decoded, as Go reads it), the credentials for
 * {@code Proxy-Authorization}. {@link #toString()} shows the user but never the password.
 */
record ProxyEndpoint(InetSocketAddress address, Optional<PasswordAuthentication> credentials) {

  /** Parses a proxy variable's value; {@code variable} names it in the error for a bad value. */
  static ProxyEndpoint parse(String variable, String value) {
    String url = value.contains("://") ? value : "http://" + value;
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new HoistException(variable + " is not a proxy URL: " + redact(url));
    }
    if (u.getHost() == null) {
      throw new HoistException(variable + " is not a proxy URL: " + redact(url));
    }
    int port = u.getPort() >= 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
    Optional<PasswordAuthentication> credentials = Optional.ofNullable(u.getUserInfo()).map(info -> {
      int colon = info.indexOf(':');
      return colon < 0 ? new PasswordAuthentication(info, new char[0])
          : new PasswordAuthentication(info.substring(0, colon), info.substring(colon + 1).toCharArray());
    });
    return new ProxyEndpoint(InetSocketAddress.createUnresolved(u.getHost(), port), credentials);
  }

  /** The {@code Proxy-Authorization} value for this proxy's credentials. */
  Optional<String> authorization() {
    return credentials.map(c -> "Basic " + java.util.Base64.getEncoder().encodeToString(
        (c.getUserName() + ":" + new String(c.getPassword())).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Whether {@code host:port} is this proxy. */
  boolean is(String host, int port) {
    return address.getHostString().equalsIgnoreCase(host) && address.getPort() == port;
  }

  /** {@code http://user:***@host:port}, or {@code http://host:port} without credentials. */
  @Override
  public String toString() {
    return "http://" + credentials.map(c -> c.getUserName() + ":***@").orElse("") + address.getHostString() + ":"
        + address.getPort();
  }

  // everything between the scheme and the last '@' may hold the password
  private static String redact(String url) {
    int start = url.indexOf("://") + 3;
    int at = url.lastIndexOf('@');
    return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
  }
}
