package dev.hoist.registry.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registry API call: method, target (a path under the registry, or an absolute URL such as an
 * upload location), headers, an optional re-sendable body, the token scopes it needs, and whether
 * the transport may retry it by itself (upload sessions retry at a higher level).
 */
public record Request(
    String method,
    String target,
    Map<String, String> headers,
    Optional<BodySource> body,
    List<String> scopes,
    boolean retryable) {

  public Request {
    headers = Map.copyOf(headers);
    scopes = List.copyOf(scopes);
  }

  public static Request of(String method, String target, List<String> scopes) {
    return new Request(method, target, Map.of(), Optional.empty(), scopes, true);
  }

  public Request header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Request(method, target, h, body, scopes, retryable);
  }

  public Request body(BodySource source) {
    return new Request(method, target, headers, Optional.of(source), scopes, retryable);
  }

  /** The same request, which the transport must not retry after a failure. */
  public Request once() {
    return new Request(method, target, headers, body, scopes, false);
  }
}
