package dev.hoist.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

/** A request body that can be sent again: every try gets a fresh publisher. */
@FunctionalInterface
public interface BodySource {
  HttpRequest.BodyPublisher publisher();

  /** A body of known bytes (manifests, small JSON). */
  static BodySource of(byte[] bytes) {
    return () -> HttpRequest.BodyPublishers.ofByteArray(bytes);
  }

  /** A streamed body of exactly {@code length} bytes, opened anew for each try. */
  static BodySource streaming(StreamOpener opener, long length) {
    return () -> HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> {
          try {
            return opener.open();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }),
        length);
  }

  /** Opens the stream a streamed body is read from. */
  @FunctionalInterface
  interface StreamOpener {
    InputStream open() throws IOException;
  }
}
