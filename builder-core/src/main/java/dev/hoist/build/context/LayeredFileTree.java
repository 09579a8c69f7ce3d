package dev.hoist.build.context;

import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file tree an image's layers make, lowest first, with OCI whiteouts and opaque directories
 * applied, built from the tar headers alone: COPY --from reads a stage or image through it without
 * unpacking anything. A file remembers which layer entry holds its bytes ({@link
 * FileSource.InLayer}); a hard link shares its target's. Symlinks met on the way to an entry are
 * followed inside the tree, as the extractor does; {@code ..} in a name is refused.
 */
public final class LayeredFileTree implements FileTree {
  private final LocalStore store;
  private final List<Descriptor> layers;
  private final Node root = Node.directory(0755, 0, -1);

  private LayeredFileTree(LocalStore store, List<Descriptor> layers) {
    this.store = store;
    this.layers = List.copyOf(layers);
  }

  /** Reads the headers of {@code layers} (blobs in {@code store}, lowest first). */
  public static LayeredFileTree read(LocalStore store, List<Descriptor> layers) throws IOException {
    LayeredFileTree tree = new LayeredFileTree(store, layers);
    for (int i = 0; i < tree.layers.size(); i++) {
      try (TarReader tar = tree.open(i)) {
        long ordinal = 0;
        for (Optional<TarEntry> e; (e = tar.next()).isPresent(); ordinal++) {
          tree.apply(e.get(), i, ordinal);
        }
      }
    }
    return tree;
  }

  /** The tar stream of layer {@code layer}, decompressed, from its first entry. */
  public TarReader open(int layer) throws IOException {
    InputStream raw = store.openBlob(layers.get(layer).digest());
    try {
      return new TarReader(Compressors.decompress(raw));
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  @Override
  public Optional<FileInfo> stat(String path) {
    return node(path).map(n -> new FileInfo(n.kind, n.mode, n.size, n.mtimeNanos, n.link,
        n.kind == FileInfo.Kind.FILE ? Optional.of(new FileSource.InLayer(this, n.contentLayer(), n.ordinal, path))
            : Optional.empty(), Optional.empty()));
  }

  @Override
  public List<String> list(String path) {
    return node(path).filter(n -> n.children != null).map(n -> List.copyOf(n.children.keySet())).orElse(List.of());
  }

  private Optional<Node> node(String path) {
    Node n = root;
    if (path.isEmpty()) {
      return Optional.of(n);
    }
    for (String part : path.split("/")) {
      if (n.children == null) {
        return Optional.empty();
      }
      n = n.children.get(part);
      if (n == null) {
        return Optional.empty();
      }
    }
    return Optional.of(n);
  }

  private void apply(TarEntry e, int layer, long ordinal) throws IOException {
    String name = e.name();
    if (List.of(name.split("/")).contains("..")) {
      throw new HoistException("layer " + layers.get(layer).digest() + ": entry " + name + " leads outside the image");
    }
    if (name.isEmpty()) {
      if (e.type() == EntryType.DIRECTORY) {
        root.mode = e.mode() & 07777;
        root.mtimeNanos = e.mtime() * 1_000_000_000L;
      }
      return;
    }
    int slash = name.lastIndexOf('/');
    String base = name.substring(slash + 1);
    Node parent = directory(slash < 0 ? "" : name.substring(0, slash), layer);
    if (e.isOpaqueMarker()) {
      parent.children.values().removeIf(c -> c.layer < layer);
      return;
    }
    if (e.isWhiteout()) {
      parent.children.remove(base.substring(TarEntry.WHITEOUT_PREFIX.length()));
      return;
    }
    Node existing = parent.children.get(base);
    Node n = switch (e.type()) {
      case DIRECTORY -> existing != null && existing.children != null ? existing : Node.directory(0, 0, layer);
      case FILE -> Node.of(FileInfo.Kind.FILE);
      case SYMLINK -> Node.of(FileInfo.Kind.SYMLINK);
      case HARDLINK -> hardLinkTarget(e, layer);
      default -> Node.of(FileInfo.Kind.OTHER);
    };
    if (e.type() != EntryType.HARDLINK) {
      n.mode = e.mode() & 07777;
      n.mtimeNanos = e.mtime() * 1_000_000_000L;
    }
    n.layer = layer;
    if (e.type() == EntryType.FILE) {
      n.size = e.size();
      n.ordinal = ordinal;
    } else if (e.type() == EntryType.SYMLINK) {
      n.link = e.linkName();
    }
    parent.children.put(base, n);
  }

  private Node hardLinkTarget(TarEntry e, int layer) throws IOException {
    Optional<Node> target = node(ContextPath.resolve(this, e.linkName(), false));
    if (target.isEmpty() || target.get().kind != FileInfo.Kind.FILE) {
      throw new HoistException("layer " + layers.get(layer).digest() + ": hard link " + e.name() + " names "
          + e.linkName() + ", which is not a file before it");
    }
    // One inode under two names: the link has its target's bytes and metadata.
    Node n = Node.of(FileInfo.Kind.FILE);
    n.mode = target.get().mode;
    n.mtimeNanos = target.get().mtimeNanos;
    n.size = target.get().size;
    n.ordinal = target.get().ordinal;
    n.contentLayer = target.get().contentLayer();
    return n;
  }

  /** The directory at {@code path} (symlinks on the way followed inside the tree), made if missing. */
  private Node directory(String path, int layer) throws IOException {
    Node n = root;
    for (String part : ContextPath.resolve(this, path, true).split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      Node child = n.children.get(part);
      if (child == null || child.children == null) {
        child = Node.directory(0755, 0, layer);
        n.children.put(part, child);
      }
      n = child;
    }
    return n;
  }

  /** One path of the tree; a directory has children, a file the layer entry that holds its bytes. */
  private static final class Node {
    final FileInfo.Kind kind;
    final TreeMap<String, Node> children;
    int mode;
    long mtimeNanos;
    long size;
    String link = "";
    int layer;
    long ordinal;
    int contentLayer = -1;

    private Node(FileInfo.Kind kind) {
      this.kind = kind;
      this.children = kind == FileInfo.Kind.DIRECTORY ? new TreeMap<>() : null;
    }

    static Node of(FileInfo.Kind kind) {
      return new Node(kind);
    }

    static Node directory(int mode, long mtimeNanos, int layer) {
      Node n = new Node(FileInfo.Kind.DIRECTORY);
      n.mode = mode;
      n.mtimeNanos = mtimeNanos;
      n.layer = layer;
      return n;
    }

    int contentLayer() {
      return contentLayer < 0 ? layer : contentLayer;
    }
  }
}
