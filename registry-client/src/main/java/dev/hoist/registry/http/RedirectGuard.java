package dev.hoist.registry.http;

import java.net.URI;
import java.util.Locale;

/**
 * The rules for following a redirect: never from https to http, and credentials only while the
 * origin (scheme, host, port) stays the registry's.
 */
public final class RedirectGuard {
  private RedirectGuard() {}

  /** Whether {@code status} is a redirect hoist follows. */
  public static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Whether following {@code from -> to} is allowed: https never downgrades to http. */
  public static boolean allowed(URI from, URI to) {
    String fromScheme = from.getScheme().toLowerCase(Locale.ROOT);
    String toScheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!toScheme.equals("http") && !toScheme.equals("https")) {
      return false;
    }
    return !(fromScheme.equals("https") && toScheme.equals("http"));
  }

  /** Whether two URIs share scheme, host and port. */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
