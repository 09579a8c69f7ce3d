package dev.hoist.cache.store;

import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Reads a blob and, at its end, fails if the bytes do not hash to the expected digest. */
public final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final MessageDigest md;
  private final String what;
  private boolean checked;

  public VerifyingInputStream(InputStream in, Digest expected, String what) {
    super(in);
    this.expected = expected;
    this.md = expected.newMessageDigest();
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      md.update(b, off, n);
    } else if (n < 0 && !checked) {
      checked = true;
      if (!expected.matches(md)) {
        throw new HoistException(what + " is corrupt: its content does not hash to " + expected);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
