package dev.hoist.build.step;

import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/** Writes the entries a step planned as one layer into the store, with the store's layer writer. */
public final class LayerFiles {
  private LayerFiles() {}

  public static Layer write(List<FileEntry> entries, LayerWriter writer, LocalStore store) throws IOException {
    try (LayerSink sink = writer.open(store)) {
      for (FileEntry e : entries) {
        TarEntry t = switch (e.kind()) {
          case DIRECTORY -> TarEntry.directory(e.name());
          case SYMLINK -> TarEntry.symlink(e.name(), e.linkTarget());
          case FILE -> TarEntry.file(e.name(), e.size());
        };
        t = t.withMode(e.mode()).withOwner(e.uid(), e.gid()).withMtime(e.mtime());
        if (e.kind() == FileEntry.Kind.FILE) {
          try (InputStream in = e.inline().<InputStream>map(ByteArrayInputStream::new)
              .orElseGet(() -> open(e))) {
            sink.add(t, in);
          }
        } else {
          sink.add(t);
        }
      }
      return sink.finish();
    }
  }

  private static InputStream open(FileEntry e) {
    try {
      return Files.newInputStream(e.source().orElseThrow());
    } catch (IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }
}
