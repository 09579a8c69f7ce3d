package dev.hoist.registry.http;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one HTTP/1.1 request and returns the answer with its body unread: no redirects, no
 * authentication, no retries (those are {@link HttpTransport}'s).
 */
public interface Exchange {
  Response send(String method, URI uri, Map<String, String> headers, Optional<BodySource> body) throws IOException;
}
