package dev.hoist.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an uncompressed tar archive is written entry by entry: a file renamed into place when
 * complete ({@link ArchiveWriter}) or a stream such as stdout ({@link StreamArchiveWriter}).
 */
sealed interface ArchiveSink extends AutoCloseable permits ArchiveWriter, StreamArchiveWriter {
  void directory(String name) throws IOException;

  void file(String name, byte[] content) throws IOException;

  void file(String name, long size, InputStream content) throws IOException;

  /** Completes the archive. */
  void commit() throws IOException;

  /** Discards what was written when the archive was not committed, where that is possible. */
  @Override
  void close() throws IOException;
}
