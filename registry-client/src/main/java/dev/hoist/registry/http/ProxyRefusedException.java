package dev.hoist.registry.http;

import java.io.IOException;

/** The proxy answered a request or a {@code CONNECT} with an error status: no retry will change that. */
public final class ProxyRefusedException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ProxyRefusedException(ProxyEndpoint proxy, int status, String reason) {
    super("proxy " + proxy + " refused the request (HTTP " + status + (reason.isEmpty() ? "" : " " + reason) + ")");
    this.status = status;
  }

  int status() {
    return status;
  }
}
