package dev.hoist.registry.blob;

import dev.hoist.oci.Digest;
import dev.hoist.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob download that checks itself: it hashes every byte, and at the end throws a {@link
 * DigestMismatchException} (or a size error) instead of reporting end-of-stream when the content is
 * not what was asked for. When the connection drops it reopens at the current offset with a
 * {@code Range} request, a bounded number of times.
 */
public final class VerifyingBlobStream extends InputStream {
  private final String registry;
  private final String repository;
  private final Digest digest;
  private final long expectedSize;
  private final RangeOpener opener;
  private final int maxResumes;
  private final MessageDigest md;
  private InputStream current;
  private long position;
  private int resumes;
  private boolean verified;

  /** Opens the blob from an offset. */
  @FunctionalInterface
  public interface RangeOpener {
    InputStream open(long offset) throws IOException;
  }

  /**
   * @param expectedSize the size, or {@code -1} if unknown
   */
  public VerifyingBlobStream(String registry, String repository, Digest digest, long expectedSize,
      InputStream first, RangeOpener opener, int maxResumes) {
    this.registry = registry;
    this.repository = repository;
    this.digest = digest;
    this.expectedSize = expectedSize;
    this.opener = opener;
    this.maxResumes = maxResumes;
    this.md = digest.newMessageDigest();
    this.current = first;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      int n;
      try {
        n = current.read(b, off, len);
      } catch (IOException e) {
        if (e instanceof java.io.InterruptedIOException || resumes >= maxResumes) {
          throw e;
        }
        resume();
        continue;
      }
      if (n < 0) {
        if (expectedSize >= 0 && position < expectedSize && resumes < maxResumes) {
          resume();
          continue;
        }
        verify();
        return -1;
      }
      if (expectedSize >= 0 && position + n > expectedSize) {
        throw new RegistryException(registry, repository, 200,
            "blob " + digest + " is larger than its descriptor's " + expectedSize + " bytes");
      }
      md.update(b, off, n);
      position += n;
      return n;
    }
  }

  private void resume() throws IOException {
    resumes++;
    try {
      current.close();
    } catch (IOException e) {
      // the old connection is gone anyway
    }
    current = opener.open(position);
  }

  private void verify() {
    if (verified) {
      return;
    }
    if (expectedSize >= 0 && position != expectedSize) {
      throw new RegistryException(registry, repository, 200,
          "blob " + digest + " ended after " + position + " of " + expectedSize + " bytes");
    }
    String actual = digest.algorithm() + ":" + HexFormat.of().formatHex(md.digest());
    if (!actual.equals(digest.toString())) {
      throw new DigestMismatchException(registry, repository, "blob", digest, actual);
    }
    verified = true;
  }

  /** Bytes delivered so far. */
  public long position() {
    return position;
  }

  @Override
  public void close() throws IOException {
    current.close();
  }
}
