package dev.hoist.build.step.run;

import dev.hoist.cache.layer.DirectoryTree;
import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.runtime.snapshot.Diff;
import dev.hoist.runtime.snapshot.DiffEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes what a run changed as an OCI layer: new and changed paths as they are on disk (owners
 * mapped back to container ids, overlay bookkeeping xattrs dropped), deleted paths as {@code .wh.}
 * files and replaced directories with an opaque marker. Mtimes are clamped by the writer.
 */
public final class DiffLayer {
  private DiffLayer() {}

  /** The layer of {@code diff}, streamed into {@code store}. */
  public static Layer write(Diff diff, LayerWriter writer, LocalStore store) throws IOException {
    DirectoryTree describer = DirectoryTree.describer();
    try (LayerSink sink = writer.open(store)) {
      for (DiffEntry e : diff.entries()) {
        if (e instanceof DiffEntry.Upsert u) {
          addUpsert(u, diff, describer, sink);
        } else if (e instanceof DiffEntry.OpaqueDir o) {
          sink.add(TarEntry.opaque(o.path()));
        } else {
          sink.add(TarEntry.whiteout(e.path()));
        }
      }
      return sink.finish();
    }
  }

  private static void addUpsert(DiffEntry.Upsert u, Diff diff, DirectoryTree describer, LayerSink sink)
      throws IOException {
    Path source = diff.resolve(u);
    Optional<TarEntry> described = describer.entry(source, u.path());
    if (described.isEmpty()) {
      return;
    }
    TarEntry entry = described.get();
    entry = entry.withOwner(diff.idMapping().containerUid(entry.uid()), diff.idMapping().containerGid(entry.gid()))
        .withXattrs(imageXattrs(entry.xattrs()));
    if (entry.type() == EntryType.FILE) {
      try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
        sink.add(entry, in);
      }
    } else {
      sink.add(entry);
    }
  }

  private static Map<String, byte[]> imageXattrs(Map<String, byte[]> all) {
    Map<String, byte[]> out = new TreeMap<>();
    all.forEach((k, v) -> {
      if (!Diff.isInternalXattr(k)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
