package dev.hoist.cache.store;

import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A blob being written into the store: bytes go to a temp file beside the blobs while their
 * SHA-256 is computed; {@link #commit} fsyncs, checks the digest and renames the file to its digest
 * name. A process killed before the rename leaves only a {@code .tmp-} file that {@code prune}
 * removes; it never leaves a blob under a wrong name. Closing without commit deletes the temp file.
 */
public final class BlobSink extends OutputStream {
  private final Path dir;
  private final Path temp;
  private final FileChannel channel;
  private final MessageDigest sha256 = Digest.newSha256();
  private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
  private long size;
  private boolean done;

  BlobSink(Path dir) throws IOException {
    this.dir = dir;
    this.temp = Files.createTempFile(dir, ".tmp-", "");
    this.channel = FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    sha256.update(b, off, len);
    size += len;
    while (len > 0) {
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
      if (!buffer.hasRemaining()) {
        drain();
      }
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** Bytes written so far. */
  public long size() {
    return size;
  }

  /**
   * Makes the blob durable under its digest and returns that digest; if {@code expected} is given
   * and differs, the blob is discarded and a {@link HoistException} names both digests.
   */
  public Digest commit(Optional<Digest> expected) throws IOException {
    if (done) {
      throw new IllegalStateException("blob already committed or discarded");
    }
    done = true;
    try {
      drain();
      channel.force(true);
      channel.close();
      Digest actual = Digest.fromSha256(sha256);
      if (expected.isPresent() && !expected.get().equals(actual)) {
        throw new HoistException("blob content does not match its digest: expected " + expected.get()
            + ", got " + actual);
      }
      Path target = dir.resolve(actual.hex());
      Files.setPosixFilePermissions(temp, LocalStore.READABLE);
      if (Files.exists(target)) {
        Files.delete(temp);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        FsSync.directory(dir);
      }
      return actual;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Discards the blob unless it was committed. */
  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      channel.close();
      Files.deleteIfExists(temp);
    }
  }
}
