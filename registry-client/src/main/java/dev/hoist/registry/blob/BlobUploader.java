package dev.hoist.registry.blob;

import dev.hoist.oci.Digest;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.http.BodySource;
import dev.hoist.registry.http.ErrorResponse;
import dev.hoist.registry.http.HttpTransport;
import dev.hoist.registry.http.ProxyRefusedException;
import dev.hoist.registry.http.Request;
import dev.hoist.registry.http.Response;
import dev.hoist.registry.http.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Uploads a blob of known digest and size to one repository, skipping it when the repository has
 * it and mounting it from another repository of the same registry when told where it lives.
 *
 * <p>Small blobs try a one-shot {@code POST ?digest=}; a registry that answers 202 instead gets a
 * {@code PUT} to the session it opened (and is remembered as such). Other blobs open a session
 * and {@code PUT} the whole stream, or {@code PATCH} it in chunks when larger than the chunk
 * threshold. A failed try restarts the session (monolithic) or asks the session how far it got and
 * resumes there (chunked), with the transport's backoff between tries.
 */
public final class BlobUploader {
  private static final long ONE_SHOT_LIMIT = 64 * 1024;
  private final HttpTransport transport;
  private final String repository;
  private final long chunkThreshold;
  private final long chunkSize;
  private final AtomicBoolean oneShotRefused;
  private final List<String> push;

  /**
   * @param oneShotRefused shared per registry: set once the registry answered a one-shot POST with 202
   */
  public BlobUploader(HttpTransport transport, String repository, long chunkThreshold, long chunkSize,
      AtomicBoolean oneShotRefused) {
    this.transport = transport;
    this.repository = repository;
    this.chunkThreshold = chunkThreshold;
    this.chunkSize = chunkSize;
    this.oneShotRefused = oneShotRefused;
    this.push = List.of("repository:" + repository + ":pull,push");
  }

  /** Thrown inside a try that should be retried (a fresh session unless resumable). */
  private static final class RetryableFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final Optional<String> retryAfter;

    RetryableFailure(String message, Optional<String> retryAfter, Throwable cause) {
      super(message, cause);
      this.retryAfter = retryAfter;
    }
  }

  public UploadOutcome upload(Digest digest, long size, BlobSource source, Optional<String> mountFrom) {
    if (new Blobs(transport, repository).head(digest, push).isPresent()) {
      return UploadOutcome.EXISTED;
    }
    Optional<String> pendingMount = mountFrom.filter(from -> !from.equals(repository));
    RetryPolicy retry = transport.retryPolicy();
    RetryableFailure last = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      try {
        String location;
        if (pendingMount.isPresent()) {
          Optional<String> session = mount(digest, pendingMount.get());
          pendingMount = Optional.empty();
          if (session.isEmpty()) {
            return UploadOutcome.MOUNTED;
          }
          location = session.get();
        } else if (size <= ONE_SHOT_LIMIT && !oneShotRefused.get()) {
          Optional<String> session = oneShot(digest, size, source);
          if (session.isEmpty()) {
            return UploadOutcome.UPLOADED;
          }
          location = session.get();
        } else {
          location = startSession();
        }
        if (size > chunkThreshold) {
          chunked(location, digest, size, source);
        } else {
          monolithic(location, digest, size, source);
        }
        return UploadOutcome.UPLOADED;
      } catch (RetryableFailure f) {
        last = f;
        if (attempt < retry.maxAttempts()) {
          try {
            RetryPolicy.pause(retry.delay(attempt, f.retryAfter));
          } catch (InterruptedIOException e) {
            throw new RegistryException(transport.registry(), repository, "interrupted uploading blob " + digest, e);
          }
        }
      }
    }
    throw new RegistryException(transport.registry(), repository,
        "upload of blob " + digest + " failed after " + retry.maxAttempts() + " tries: " + last.getMessage(), last);
  }

  private Response send(Request r, String what) throws RetryableFailure {
    try {
      Response resp = transport.exchangeOnce(r.once());
      if (RetryPolicy.retryableStatus(resp.status())) {
        Optional<String> after = resp.header("Retry-After");
        resp.discard();
        throw new RetryableFailure(ErrorResponse.reason(resp.status()) + " (HTTP " + resp.status() + ") " + what,
            after, null);
      }
      return resp;
    } catch (IOException | java.io.UncheckedIOException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof dev.hoist.oci.HoistException h) {
          throw h;
        }
      }
      if (e instanceof InterruptedIOException) {
        throw new RegistryException(transport.registry(), repository, "interrupted " + what, e);
      }
      if (e instanceof ProxyRefusedException) {
        throw transport.networkError(repository, e);
      }
      Throwable root = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
      throw new RetryableFailure(root.getClass().getSimpleName() + " " + what, Optional.empty(), e);
    }
  }

  private String uploads() {
    return "/v2/" + repository + "/blobs/uploads/";
  }

  /** Tries a mount; empty when mounted, else the upload session the registry opened instead. */
  private Optional<String> mount(Digest digest, String from) throws RetryableFailure {
    List<String> scopes = List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
    Request r = Request.of("POST", uploads() + "?mount=" + enc(digest.toString()) + "&from=" + enc(from), scopes);
    try (Response resp = send(r, "mounting blob " + digest + " from " + from)) {
      if (resp.status() == 201) {
        return Optional.empty();
      }
      if (resp.status() == 202) {
        return Optional.of(location(resp, digest));
      }
      if (resp.status() == 401 || resp.status() == 403) {
        return Optional.of(startSession());
      }
      throw ErrorResponse.of(resp, transport.registry(), repository, "mounting blob " + digest + " from " + from);
    }
  }

  private Optional<String> oneShot(Digest digest, long size, BlobSource source) throws RetryableFailure {
    Request r = Request.of("POST", uploads() + "?digest=" + enc(digest.toString()), push)
        .header("Content-Type", "application/octet-stream")
        .body(BodySource.streaming(() -> source.open(0), size));
    try (Response resp = send(r, "uploading blob " + digest)) {
      if (resp.status() == 201) {
        return Optional.empty();
      }
      if (resp.status() == 202) {
        oneShotRefused.set(true);
        return Optional.of(location(resp, digest));
      }
      throw ErrorResponse.of(resp, transport.registry(), repository, "uploading blob " + digest);
    }
  }

  private String startSession() throws RetryableFailure {
    try (Response resp = send(Request.of("POST", uploads(), push), "starting an upload")) {
      if (resp.status() != 202) {
        throw ErrorResponse.of(resp, transport.registry(), repository, "starting an upload");
      }
      return location(resp, null);
    }
  }

  private String location(Response resp, Digest digest) {
    return resp.header("Location").map(l -> resp.uri().resolve(l.trim()).toString()).orElseThrow(() ->
        new RegistryException(transport.registry(), repository, resp.status(),
            "upload session without a Location header (HTTP " + resp.status() + ")"
                + (digest == null ? "" : " for blob " + digest)));
  }

  private void monolithic(String location, Digest digest, long size, BlobSource source) throws RetryableFailure {
    Request r = Request.of("PUT", withDigest(location, digest), push)
        .header("Content-Type", "application/octet-stream")
        .body(BodySource.streaming(() -> source.open(0), size));
    try (Response resp = send(r, "uploading blob " + digest)) {
      if (resp.status() != 201) {
        throw ErrorResponse.of(resp, transport.registry(), repository, "uploading blob " + digest);
      }
    }
  }

  private void chunked(String session, Digest digest, long size, BlobSource source) throws RetryableFailure {
    String location = session;
    long offset = 0;
    int failures = 0;
    while (offset < size) {
      long start = offset;
      long length = Math.min(chunkSize, size - offset);
      Request r = Request.of("PATCH", location, push)
          .header("Content-Type", "application/octet-stream")
          .header("Content-Range", start + "-" + (start + length - 1))
          .body(BodySource.streaming(() -> new BoundedInputStream(source.open(start), length), length));
      try (Response resp = send(r, "uploading a chunk of blob " + digest)) {
        if (resp.status() != 202) {
          throw ErrorResponse.of(resp, transport.registry(), repository, "uploading a chunk of blob " + digest);
        }
        location = location(resp, digest);
        offset = resp.header("Range").map(BlobUploader::rangeEnd).map(end -> end + 1).orElse(start + length);
      } catch (RetryableFailure f) {
        if (++failures >= transport.retryPolicy().maxAttempts()) {
          throw f;
        }
        try {
          RetryPolicy.pause(transport.retryPolicy().delay(failures, f.retryAfter));
        } catch (InterruptedIOException e) {
          throw new RegistryException(transport.registry(), repository, "interrupted uploading blob " + digest, e);
        }
        String[] where = {location};
        offset = progress(where, digest);
        location = where[0];
      }
    }
    try (Response resp = send(Request.of("PUT", withDigest(location, digest), push), "finishing blob " + digest)) {
      if (resp.status() != 201) {
        throw ErrorResponse.of(resp, transport.registry(), repository, "finishing blob " + digest);
      }
    }
  }

  /** Asks the session how many bytes it holds; {@code where[0]} is updated to its new location. */
  private long progress(String[] where, Digest digest) throws RetryableFailure {
    try (Response resp = send(Request.of("GET", where[0], push), "resuming blob " + digest)) {
      if (resp.status() != 204) {
        throw new RetryableFailure("upload session lost (HTTP " + resp.status() + ")", Optional.empty(), null);
      }
      resp.header("Location").ifPresent(l -> where[0] = resp.uri().resolve(l.trim()).toString());
      return resp.header("Range").map(BlobUploader::rangeEnd).map(end -> end + 1).orElse(0L);
    }
  }

  /** The end of a {@code Range: 0-N} (or {@code bytes=0-N}) header. */
  static long rangeEnd(String header) {
    String v = header.trim();
    if (v.startsWith("bytes=")) {
      v = v.substring(6);
    }
    int dash = v.indexOf('-');
    return Long.parseLong(v.substring(dash + 1).trim());
  }

  private static String withDigest(String location, Digest digest) {
    return location + (location.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
