package dev.hoist.transfer;

import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarWriter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where an uncompressed tar archive is written entry by entry: a file renamed into place when
 * complete ({@link ArchiveWriter}) or a stream such as stdout ({@link StreamArchiveWriter}).
 */
sealed interface ArchiveSink extends AutoCloseable permits ArchiveWriter, StreamArchiveWriter {
  /** The tar stream the entries go to. */
  TarWriter tar();

  default void directory(String name) throws IOException {
    tar().putEntry(TarEntry.directory(name));
  }

  default void file(String name, byte[] content) throws IOException {
    tar().putEntry(TarEntry.file(name, content.length));
    tar().content(content, 0, content.length);
  }

  default void file(String name, long size, InputStream content) throws IOException {
    tar().putEntry(TarEntry.file(name, size));
    tar().content(content);
  }

  /** Completes the archive. */
  void commit() throws IOException;

  /** Discards what was written when the archive was not committed, where that is possible. */
  @Override
  void close() throws IOException;
}
