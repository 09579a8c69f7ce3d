package dev.hoist.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/** A registry's answer, its body still unread. Close it (or read the body to its end). */
public final class Response implements AutoCloseable {
  private static final int DRAIN_LIMIT = 64 * 1024;
  private final HttpResponse<InputStream> response;
  private final URI uri;

  Response(HttpResponse<InputStream> response, URI uri) {
    this.response = response;
    this.uri = uri;
  }

  public int status() {
    return response.statusCode();
  }

  /** The URL that finally answered, after redirects. */
  public URI uri() {
    return uri;
  }

  public Optional<String> header(String name) {
    return response.headers().firstValue(name);
  }

  public List<String> headers(String name) {
    return response.headers().allValues(name);
  }

  public java.util.OptionalLong contentLength() {
    return response.headers().firstValueAsLong("Content-Length");
  }

  /** The body; the caller owns and closes it. */
  public InputStream body() {
    return response.body();
  }

  /** Reads a small body whole (error documents, JSON listings), at most {@code limit} bytes. */
  public byte[] bytes(int limit) throws IOException {
    try (InputStream in = response.body()) {
      byte[] data = in.readNBytes(limit + 1);
      if (data.length > limit) {
        throw new IOException("response from " + uri.getHost() + " is larger than " + limit + " bytes");
      }
      return data;
    }
  }

  /** Reads and drops a small body so the connection can be reused; closes a large one. */
  public void discard() {
    try (InputStream in = response.body()) {
      in.readNBytes(DRAIN_LIMIT);
    } catch (IOException e) {
      // the connection is dropped; nothing else depends on it
    }
  }

  @Override
  public void close() {
    discard();
  }
}
