package dev.hoist.registry.blob;

import dev.hoist.oci.Digest;
import dev.hoist.registry.http.ErrorResponse;
import dev.hoist.registry.http.HttpTransport;
import dev.hoist.registry.http.Request;
import dev.hoist.registry.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Blob reads and deletes for one repository: HEAD, verified resumable GET, DELETE. */
public final class Blobs {
  private static final int MAX_RESUMES = 10;
  private final HttpTransport transport;
  private final String repository;
  private final List<String> pull;

  public Blobs(HttpTransport transport, String repository) {
    this.transport = transport;
    this.repository = repository;
    this.pull = List.of("repository:" + repository + ":pull");
  }

  private String path(Digest digest) {
    return "/v2/" + repository + "/blobs/" + digest;
  }

  /** The blob's size if the repository has it. */
  public Optional<Long> head(Digest digest) {
    return head(digest, pull);
  }

  Optional<Long> head(Digest digest, List<String> scopes) {
    try (Response r = transport.send(Request.of("HEAD", path(digest), scopes), repository)) {
      if (r.status() == 200) {
        return Optional.of(r.contentLength().orElse(-1));
      }
      if (r.status() == 404) {
        return Optional.empty();
      }
      throw ErrorResponse.of(r, transport.registry(), repository, "for blob " + digest);
    }
  }

  /**
   * Opens the blob for reading. The stream verifies the digest (and {@code size}, unless it is
   * {@code -1}) at its end and resumes with {@code Range} requests when the connection drops.
   */
  public InputStream open(Digest digest, long size) {
    Response r = transport.send(Request.of("GET", path(digest), pull), repository);
    if (r.status() != 200) {
      throw ErrorResponse.of(r, transport.registry(), repository, "for blob " + digest);
    }
    long expected = size >= 0 ? size : r.contentLength().orElse(-1);
    return new VerifyingBlobStream(transport.registry(), repository, digest, expected, r.body(),
        offset -> openAt(digest, offset), MAX_RESUMES);
  }

  private InputStream openAt(Digest digest, long offset) throws IOException {
    Response r = transport.send(Request.of("GET", path(digest), pull).header("Range", "bytes=" + offset + "-"), repository);
    if (r.status() == 206) {
      String range = r.header("Content-Range").orElse("");
      if (!range.replace("bytes ", "").startsWith(offset + "-")) {
        r.discard();
        throw new IOException("registry resumed blob " + digest + " at the wrong offset: " + range);
      }
      return r.body();
    }
    if (r.status() == 200) {
      InputStream in = r.body();
      in.skipNBytes(offset);
      return in;
    }
    throw ErrorResponse.of(r, transport.registry(), repository, "resuming blob " + digest + " at byte " + offset);
  }

  /** Deletes the blob (registries often refuse: 405 unless deletes are enabled). */
  public void delete(Digest digest) {
    try (Response r = transport.send(Request.of("DELETE", path(digest), List.of("repository:" + repository + ":delete")), repository)) {
      if (r.status() != 202 && r.status() != 200) {
        throw ErrorResponse.of(r, transport.registry(), repository, "deleting blob " + digest);
      }
    }
  }

}
