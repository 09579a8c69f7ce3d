package dev.hoist.cache.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A pigz-style gzip writer: input is cut into fixed 128 KiB blocks, each block is deflated on its
 * own (raw deflate) with the previous block's last 32 KiB as preset dictionary and ends with a
 * SYNC_FLUSH (the last with FINISH), and the blocks are concatenated in order. Because each block's
 * output depends only on its input and dictionary, the bytes are identical for any thread count,
 * so layer digests stay reproducible. The CRC32 is computed on the writing thread (it runs at
 * memory speed); deflate runs on {@code threads} workers with a bounded number of blocks in flight.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK_SIZE = 128 * 1024;
  static final int DICT_SIZE = 32 * 1024;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final int maxInFlight;
  private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BLOCK_SIZE];
  private int filled;
  private byte[] dictionary;
  private long totalIn;
  private boolean closed;

  /** A writer with deflate {@code level} (gzip's default is 6) on {@code threads} threads. */
  public ParallelGzipOutputStream(OutputStream out, int threads, int level) throws IOException {
    this.out = out;
    this.level = level;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hoist-gzip");
      t.setDaemon(true);
      return t;
    }) : null;
    this.maxInFlight = Math.max(2, threads * 3);
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("gzip stream closed");
    }
    crc.update(b, off, len);
    totalIn += len;
    while (len > 0) {
      int n = Math.min(len, BLOCK_SIZE - filled);
      System.arraycopy(b, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == BLOCK_SIZE) {
        submit(false);
      }
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] data = filled == block.length ? block : Arrays.copyOf(block, filled);
    byte[] dict = dictionary;
    if (filled >= DICT_SIZE) {
      dictionary = Arrays.copyOfRange(block, filled - DICT_SIZE, filled);
    }
    block = new byte[BLOCK_SIZE];
    filled = 0;
    if (pool == null) {
      out.write(deflate(data, dict, last, level));
      return;
    }
    inFlight.add(pool.submit(() -> deflate(data, dict, last, level)));
    while (inFlight.size() > maxInFlight) {
      out.write(await(inFlight.poll()));
    }
  }

  static byte[] deflate(byte[] data, byte[] dict, boolean last, int level) {
    Deflater deflater = new Deflater(level, true);
    try {
      if (dict != null) {
        deflater.setDictionary(dict);
      }
      deflater.setInput(data);
      if (last) {
        deflater.finish();
      }
      byte[] buffer = new byte[data.length + data.length / 8 + 1024];
      int len = 0;
      while (true) {
        int n = deflater.deflate(buffer, len, buffer.length - len, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
        len += n;
        boolean done = last ? deflater.finished() : (deflater.needsInput() && len < buffer.length);
        if (done) {
          return Arrays.copyOf(buffer, len);
        }
        if (len == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
      }
    } finally {
      deflater.end();
    }
  }

  private static byte[] await(Future<byte[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compression failed", e.getCause());
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes the last block and the gzip trailer; does not close the underlying stream. */
  public void finish() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      submit(true);
      while (!inFlight.isEmpty()) {
        out.write(await(inFlight.poll()));
      }
      long c = crc.getValue();
      out.write(new byte[] {
        (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
        (byte) totalIn, (byte) (totalIn >> 8), (byte) (totalIn >> 16), (byte) (totalIn >> 24)});
      out.flush();
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }
}
