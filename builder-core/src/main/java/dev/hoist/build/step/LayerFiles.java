package dev.hoist.build.step;

import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Writes the entries a step planned as one layer into the store, with the store's layer writer. */
public final class LayerFiles {
  private LayerFiles() {}

  /** Writes {@code entries} (sorted); a spool file, if one is needed for contents inside layers, goes in {@code spoolDir}. */
  public static Layer write(List<FileEntry> entries, LayerWriter writer, LocalStore store, java.nio.file.Path spoolDir)
      throws IOException {
    try (LayerSink sink = writer.open(store); FileContents contents = FileContents.of(entries, spoolDir)) {
      for (FileEntry e : entries) {
        TarEntry t = switch (e.kind()) {
          case DIRECTORY -> TarEntry.directory(e.name());
          case SYMLINK -> TarEntry.symlink(e.name(), e.linkTarget());
          case FILE -> TarEntry.file(e.name(), e.size());
        };
        t = t.withMode(e.mode()).withOwner(e.uid(), e.gid()).withMtime(e.mtime());
        if (e.kind() == FileEntry.Kind.FILE) {
          try (InputStream in = e.inline().isPresent() ? new ByteArrayInputStream(e.inline().get()) : contents.open(e)) {
            sink.add(t, in);
          }
        } else {
          sink.add(t);
        }
      }
      return sink.finish();
    }
  }
}
