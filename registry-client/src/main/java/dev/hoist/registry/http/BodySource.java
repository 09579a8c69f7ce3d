package dev.hoist.registry.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body of known length that can be sent again: every try opens a fresh stream.
 *
 * @param opener opens the stream the body is read from
 * @param length the exact number of bytes the stream yields
 */
public record BodySource(StreamOpener opener, long length) {

  /** A body of known bytes (manifests, small JSON). */
  public static BodySource of(byte[] bytes) {
    return new BodySource(() -> new ByteArrayInputStream(bytes), bytes.length);
  }

  /** A streamed body of exactly {@code length} bytes, opened anew for each try. */
  public static BodySource streaming(StreamOpener opener, long length) {
    return new BodySource(opener, length);
  }

  public InputStream open() throws IOException {
    return opener.open();
  }

  /** Opens the stream a body is read from. */
  @FunctionalInterface
  public interface StreamOpener {
    InputStream open() throws IOException;
  }
}
