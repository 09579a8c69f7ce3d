package dev.hoist.cache.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes {@code [offset, offset + length)} of a file, read with positional reads, so several
 * slices can share one channel. A slice made by {@link #open} owns its channel and closes it; one
 * made on a shared channel leaves it open.
 */
public final class FileSlice extends InputStream {
  private final FileChannel channel;
  private final boolean owned;
  private final long end;
  private long position;

  private FileSlice(FileChannel channel, boolean owned, long offset, long length) {
    this.channel = channel;
    this.owned = owned;
    this.position = offset;
    this.end = offset + length;
  }

  /** A slice of {@code file}, on a channel of its own. */
  public static FileSlice open(Path file, long offset, long length) throws IOException {
    return new FileSlice(FileChannel.open(file, StandardOpenOption.READ), true, offset, length);
  }

  /** A slice of the open {@code channel}, which stays open when the slice is closed. */
  public static FileSlice of(FileChannel channel, long offset, long length) {
    return new FileSlice(channel, false, offset, length);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= end) {
      return -1;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
    if (n < 0) {
      throw new IOException("file ends " + (end - position) + " bytes before the slice does");
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      channel.close();
    }
  }
}
