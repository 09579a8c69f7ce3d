package dev.hoist.build.step;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.cache.compress.Compressors;
import dev.hoist.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a step needs to know of the image's file tree without unpacking it: which paths exist and
 * whether they are directories (so COPY and WORKDIR make only the directories that are missing and
 * never replace a symlinked one), and the text of {@code /etc/passwd} and {@code /etc/group} (for
 * {@code --chown} names). Built by reading the layers' tar headers once.
 */
public final class ImageFiles {
  private static final Set<String> KEPT = Set.of("etc/passwd", "etc/group");
  private final Map<String, EntryType> types;
  private final Map<String, String> kept;

  private ImageFiles(Map<String, EntryType> types, Map<String, String> kept) {
    this.types = types;
    this.kept = kept;
  }

  public static ImageFiles empty() {
    return new ImageFiles(new HashMap<>(), new HashMap<>());
  }

  /** The view of {@code layers} (blobs in {@code store}), lowest first. */
  public static ImageFiles scan(LocalStore store, List<Descriptor> layers) throws IOException {
    ImageFiles f = empty();
    for (Descriptor layer : layers) {
      try (InputStream raw = store.openBlob(layer.digest()); TarReader tar = new TarReader(Compressors.decompress(raw))) {
        for (Optional<TarEntry> e; (e = tar.next()).isPresent(); ) {
          f.apply(e.get(), tar);
        }
      }
    }
    return f;
  }

  private void apply(TarEntry e, TarReader tar) throws IOException {
    String name = e.name();
    if (e.isOpaqueMarker()) {
      String dir = CopyPlanner.parentOf(name);
      types.keySet().removeIf(p -> p.startsWith(dir.isEmpty() ? "" : dir + "/"));
      return;
    }
    if (e.isWhiteout()) {
      String parent = CopyPlanner.parentOf(name);
      String gone = CopyPlanner.join(parent, e.baseName().substring(TarEntry.WHITEOUT_PREFIX.length()));
      types.keySet().removeIf(p -> p.equals(gone) || p.startsWith(gone + "/"));
      kept.remove(gone);
      return;
    }
    types.put(name, e.type());
    if (KEPT.contains(name) && e.type() == EntryType.FILE && e.size() < 1 << 20) {
      kept.put(name, new String(tar.content().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** This view after a layer of {@code entries}. */
  public ImageFiles plus(List<FileEntry> entries) throws IOException {
    Map<String, EntryType> t = new HashMap<>(types);
    Map<String, String> k = new HashMap<>(kept);
    for (FileEntry e : entries) {
      t.put(e.name(), switch (e.kind()) {
        case DIRECTORY -> EntryType.DIRECTORY;
        case FILE -> EntryType.FILE;
        case SYMLINK -> EntryType.SYMLINK;
      });
      if (KEPT.contains(e.name()) && e.kind() == FileEntry.Kind.FILE) {
        byte[] data = e.inline().isPresent() ? e.inline().get() : FileContents.readAll(e);
        k.put(e.name(), new String(data, StandardCharsets.UTF_8));
      }
    }
    return new ImageFiles(t, k);
  }

  /** Whether the path (relative) is a directory, or a symlink that must not be replaced by one. */
  public boolean hasDirectoryOrLink(String path) {
    if (path.isEmpty()) {
      return true;
    }
    EntryType t = types.get(path);
    return t == EntryType.DIRECTORY || t == EntryType.SYMLINK;
  }

  /** The text of {@code etc/passwd} or {@code etc/group}, if the image has it. */
  public Optional<String> text(String path) {
    return Optional.ofNullable(kept.get(path));
  }
}
