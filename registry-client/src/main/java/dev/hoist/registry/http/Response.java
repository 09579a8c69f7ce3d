package dev.hoist.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** A registry's answer, its body still unread. Close it (or read the body to its end). */
public final class Response implements AutoCloseable {
  private static final int DRAIN_LIMIT = 64 * 1024;
  private final int status;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final URI uri;

  Response(int status, Map<String, List<String>> headers, InputStream body, URI uri) {
    this.status = status;
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.headers.putAll(headers);
    this.body = body;
    this.uri = uri;
  }

  public int status() {
    return status;
  }

  /** The URL that finally answered, after redirects. */
  public URI uri() {
    return uri;
  }

  public Optional<String> header(String name) {
    return headers(name).stream().findFirst();
  }

  /** Whether the answer came with any header at all. */
  public boolean hasHeaders() {
    return !headers.isEmpty();
  }

  public List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  public OptionalLong contentLength() {
    Optional<String> v = header("Content-Length");
    try {
      return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get().trim())) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The body; the caller owns and closes it. */
  public InputStream body() {
    return body;
  }

  /** Reads a small body whole (error documents, JSON listings), at most {@code limit} bytes. */
  public byte[] bytes(int limit) throws IOException {
    try (InputStream in = body) {
      byte[] data = in.readNBytes(limit + 1);
      if (data.length > limit) {
        throw new IOException("response from " + uri.getHost() + " is larger than " + limit + " bytes");
      }
      return data;
    }
  }

  /** Reads and drops a small body so the connection can be reused; closes a large one. */
  public void discard() {
    try (InputStream in = body) {
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
