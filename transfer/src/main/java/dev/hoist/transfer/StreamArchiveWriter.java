package dev.hoist.transfer;

import dev.hoist.cache.tar.TarWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An uncompressed tar archive written straight to a stream (stdout for {@code dest=-}), in one
 * pass. The stream is flushed on commit and never closed; what a failed write sent cannot be taken
 * back, so the caller reports the failure.
 */
final class StreamArchiveWriter implements ArchiveSink {
  private final OutputStream out;
  private final TarWriter tar;

  StreamArchiveWriter(OutputStream target) {
    this.out = new BufferedOutputStream(target, 256 * 1024);
    this.tar = new TarWriter(out);
  }

  @Override
  public TarWriter tar() {
    return tar;
  }

  /** Writes the end of the archive and flushes the stream. */
  @Override
  public void commit() throws IOException {
    tar.finish();
    out.flush();
  }

  @Override
  public void close() {}
}
