package dev.hoist.cache.store;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * hoist's local image store: an OCI image layout ({@code oci-layout}, {@code index.json}, {@code
 * blobs/sha256/}) that skopeo ({@code oci:$HOIST_HOME:name}) and umoci read as it is. Image names
 * are {@code org.opencontainers.image.ref.name} annotations in {@code index.json}; build-cache
 * entries are index entries annotated {@value #CACHE_KEY_ANNOTATION} instead. Blob writes are
 * atomic (see {@link BlobSink}); index updates hold a file lock, so processes can share a store.
 */
public final class LocalStore {
  /** The OCI annotation that names an image in a layout. */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
  /** The annotation that marks an index entry as a build-cache entry, keyed by its value. */
  public static final String CACHE_KEY_ANNOTATION = "dev.hoist.cache.key";
  /** The annotation that records when a cache entry was last written, for {@code prune --keep-storage}. */
  public static final String CACHE_USED_ANNOTATION = "dev.hoist.cache.used";
  private static final long MAX_JSON = 16L * 1024 * 1024;
  /** rw-r--r--: what other readers of the layout (skopeo, umoci, other users) need. */
  static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
      java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

  private final Path home;
  private final Path blobs;
  private final StoreIndex index;

  private LocalStore(Path home) {
    this.home = home;
    this.blobs = home.resolve("blobs").resolve("sha256");
    this.index = new StoreIndex(home);
  }

  /** Opens the store at {@code home}, creating an empty layout if there is none. */
  public static LocalStore open(Path home) {
    LocalStore store = new LocalStore(home.toAbsolutePath().normalize());
    try {
      Files.createDirectories(store.blobs);
      Path layout = home.resolve("oci-layout");
      if (!Files.exists(layout) || !Files.exists(home.resolve("index.json"))) {
        store.index.locked(() -> {
          if (!Files.exists(layout)) {
            writeAtomically(home, layout, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
          }
          if (!Files.exists(home.resolve("index.json"))) {
            writeAtomically(home, home.resolve("index.json"), StoreIndex.emptyIndex());
          }
          return null;
        });
      }
    } catch (IOException e) {
      throw new HoistException("cannot open store " + home + ": " + e.getMessage(), e);
    }
    return store;
  }

  /** {@code $HOIST_HOME}, or {@code ~/.local/share/hoist}. */
  public static Path defaultHome() {
    String env = System.getenv("HOIST_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "hoist");
  }

  /** The canonical store name of an image reference: Docker's familiar form with the tag explicit. */
  public static String canonicalName(String ref) {
    ImageReference r = ImageReference.parse(ref);
    String familiar = new ImageReference(r.registry(), r.repository(), r.tag(), Optional.empty()).familiar();
    return familiar;
  }

  public Path home() {
    return home;
  }

  /** Starts writing a blob; commit it with {@link BlobSink#commit}. */
  public BlobSink newBlob() {
    try {
      return new BlobSink(blobs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams {@code in} into the store, verified against {@code expected} when given. */
  public Descriptor putBlob(String mediaType, InputStream in, Optional<Digest> expected) throws IOException {
    try (BlobSink sink = newBlob()) {
      in.transferTo(sink);
      long size = sink.size();
      return Descriptor.of(mediaType, sink.commit(expected), size);
    }
  }

  /** Stores small content such as a manifest or config. */
  public Descriptor putBytes(String mediaType, byte[] bytes) throws IOException {
    return putBlob(mediaType, new ByteArrayInputStream(bytes), Optional.empty());
  }

  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  /** Where a blob lives (it may not exist). */
  public Path blobPath(Digest digest) {
    if (!digest.algorithm().equals("sha256")) {
      throw new HoistException("the store holds sha256 blobs only, not " + digest);
    }
    return blobs.resolve(digest.hex());
  }

  public long blobSize(Digest digest) throws IOException {
    return Files.size(existing(digest));
  }

  /** Opens a blob; the stream fails at its end if the content does not hash to {@code digest}. */
  public InputStream openBlob(Digest digest) throws IOException {
    return new VerifyingInputStream(Files.newInputStream(existing(digest)), digest, "blob " + digest);
  }

  /** Reads a small blob (manifest, config, index) whole, verified. */
  public byte[] readBlob(Digest digest) throws IOException {
    Path p = existing(digest);
    if (Files.size(p) > MAX_JSON) {
      throw new HoistException("blob " + digest + " is too large to read as JSON");
    }
    byte[] bytes = Files.readAllBytes(p);
    if (!Digest.sha256(bytes).equals(digest)) {
      throw new HoistException("blob " + digest + " in " + home + " is corrupt: its content does not match its name");
    }
    return bytes;
  }

  private Path existing(Digest digest) throws IOException {
    Path p = blobPath(digest);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString(), null, "blob " + digest + " is not in the store " + home);
    }
    return p;
  }

  /** Names {@code descriptor} (a manifest or index already in the store) {@code name}, replacing an older image of that name. */
  public void tag(String name, Descriptor descriptor) throws IOException {
    tagExactly(canonicalName(name), descriptor);
  }

  /**
   * Names {@code descriptor} with {@code refName} exactly as given (no normalisation), as an OCI
   * layout written for {@code skopeo copy ... oci:DIR:refName} expects.
   */
  public void tagExactly(String refName, Descriptor descriptor) throws IOException {
    String canonical = refName;
    if (!hasBlob(descriptor.digest())) {
      throw new HoistException("cannot tag " + canonical + ": " + descriptor.digest() + " is not in the store");
    }
    Map<String, String> annotations = new HashMap<>(descriptor.annotations());
    annotations.put(REF_NAME_ANNOTATION, canonical);
    Descriptor entry = descriptor.withAnnotations(annotations);
    index.update(entries -> {
      List<Descriptor> next = new ArrayList<>();
      for (Descriptor d : entries) {
        if (!canonical.equals(d.annotations().get(REF_NAME_ANNOTATION))) {
          next.add(d);
        }
      }
      next.add(entry);
      return next;
    });
  }

  /**
   * Finds an image by name ({@code busybox}, {@code busybox:latest}), by manifest digest, or by a
   * digest prefix of at least 12 hex digits as {@code hoist images} shows it.
   */
  public Optional<StoredImage> resolve(String ref) throws IOException {
    List<StoredImage> all = images();
    for (StoredImage image : all) {
      if (image.name().equals(ref)) {
        return Optional.of(image);
      }
    }
    String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
    if (hex.matches("[0-9a-f]{12,64}")) {
      for (StoredImage image : all) {
        if (image.descriptor().digest().hex().startsWith(hex)) {
          return Optional.of(image);
        }
      }
    }
    String canonical;
    try {
      canonical = canonicalName(ref);
    } catch (HoistException e) {
      return Optional.empty();
    }
    return all.stream().filter(i -> i.name().equals(canonical)).findFirst();
  }

  /** Every named image, in index order. */
  public List<StoredImage> images() throws IOException {
    List<StoredImage> out = new ArrayList<>();
    for (Descriptor d : index.read()) {
      String name = d.annotations().get(REF_NAME_ANNOTATION);
      if (name != null) {
        out.add(new StoredImage(name, d));
      }
    }
    return out;
  }

  /** Removes the name; the blobs stay until {@link #prune}. Returns whether the name existed. */
  public boolean untag(String ref) throws IOException {
    Optional<StoredImage> image = resolve(ref);
    if (image.isEmpty()) {
      return false;
    }
    String name = image.get().name();
    index.update(entries -> entries.stream()
        .filter(d -> !name.equals(d.annotations().get(REF_NAME_ANNOTATION)))
        .toList());
    return true;
  }

  /** Records a build-cache entry: {@code key} maps to {@code descriptor}, which keeps its blobs from prune. */
  public void putCacheEntry(String key, Descriptor descriptor) throws IOException {
    Map<String, String> annotations = new HashMap<>(descriptor.annotations());
    annotations.put(CACHE_KEY_ANNOTATION, key);
    annotations.put(CACHE_USED_ANNOTATION, Instant.now().toString());
    Descriptor entry = descriptor.withAnnotations(annotations);
    index.update(entries -> {
      List<Descriptor> next = new ArrayList<>(entries.stream()
          .filter(d -> !key.equals(d.annotations().get(CACHE_KEY_ANNOTATION)))
          .toList());
      next.add(entry);
      return next;
    });
  }

  /** The cache entry for {@code key}, if any. */
  public Optional<Descriptor> cacheEntry(String key) throws IOException {
    return index.find(CACHE_KEY_ANNOTATION, key);
  }

  /** The digests {@code root} reaches: itself and, for manifests and indexes, everything they name. */
  public Set<Digest> reachableFrom(Descriptor root) throws IOException {
    Set<Digest> seen = new HashSet<>();
    walk(root, seen);
    return seen;
  }

  private void walk(Descriptor d, Set<Digest> seen) throws IOException {
    if (!seen.add(d.digest()) || !hasBlob(d.digest())) {
      return;
    }
    if (MediaType.isIndex(d.mediaType())) {
      for (Descriptor m : ImageIndex.parse(readBlob(d.digest()), "index " + d.digest()).manifests()) {
        walk(m, seen);
      }
    } else if (MediaType.isManifest(d.mediaType())) {
      Manifest m = Manifest.parse(readBlob(d.digest()), "manifest " + d.digest());
      seen.add(m.config().digest());
      for (Descriptor layer : m.layers()) {
        seen.add(layer.digest());
      }
    }
  }

  /**
   * Removes blobs that no index entry (image or cache entry) reaches, and temp files older than an
   * hour. With {@code keepStorage}, then evicts least recently used cache entries until the blobs
   * take at most that many bytes. Waits until no {@link #lease} is held in any process.
   */
  public PruneReport prune(OptionalLong keepStorage) throws IOException {
    try (StoreLease exclusive = GcLock.of(home).exclusive()) {
      return pruneLocked(keepStorage);
    }
  }

  /** {@link #prune}, unless a lease is held somewhere right now (then empty, nothing removed). */
  public Optional<PruneReport> tryPrune(OptionalLong keepStorage) throws IOException {
    Optional<StoreLease> exclusive = GcLock.of(home).tryExclusive();
    if (exclusive.isEmpty()) {
      return Optional.empty();
    }
    try (StoreLease held = exclusive.get()) {
      return Optional.of(pruneLocked(keepStorage));
    }
  }

  /**
   * A lease that keeps {@link #prune} away until it is closed: take it before writing the blobs of
   * an image and close it after tagging it.
   */
  public StoreLease lease() throws IOException {
    return GcLock.of(home).shared();
  }

  private PruneReport pruneLocked(OptionalLong keepStorage) throws IOException {
    return index.locked(() -> {
      int blobsRemoved = 0;
      int cacheRemoved = 0;
      long freed = 0;
      List<Descriptor> entries = new ArrayList<>(index.readFresh());
      long[] result = sweep(entries);
      blobsRemoved += (int) result[0];
      freed += result[1];
      if (keepStorage.isPresent()) {
        List<Descriptor> cache = entries.stream()
            .filter(d -> d.annotations().containsKey(CACHE_KEY_ANNOTATION)
                && !d.annotations().containsKey(REF_NAME_ANNOTATION))
            .sorted(Comparator.comparing(d -> d.annotations().getOrDefault(CACHE_USED_ANNOTATION, "")))
            .toList();
        for (Descriptor victim : cache) {
          if (totalBlobBytes() <= keepStorage.getAsLong()) {
            break;
          }
          entries.remove(victim);
          cacheRemoved++;
          writeIndexUnlocked(entries);
          long[] more = sweep(entries);
          blobsRemoved += (int) more[0];
          freed += more[1];
        }
      }
      return new PruneReport(blobsRemoved, cacheRemoved, freed);
    });
  }

  private void writeIndexUnlocked(List<Descriptor> entries) throws IOException {
    byte[] json = ImageIndex.oci(entries, null).toJson();
    writeAtomically(home, home.resolve("index.json"), json);
  }

  private long[] sweep(List<Descriptor> roots) throws IOException {
    Set<Digest> live = new HashSet<>();
    for (Descriptor d : roots) {
      walk(d, live);
    }
    long removed = 0;
    long freed = 0;
    Instant staleTemp = Instant.now().minus(Duration.ofHours(1));
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".tmp-")) {
          if (Files.getLastModifiedTime(p).toInstant().isBefore(staleTemp)) {
            Files.deleteIfExists(p);
          }
          continue;
        }
        if (!name.matches("[0-9a-f]{64}") || live.contains(new Digest("sha256", name))) {
          continue;
        }
        long size = Files.size(p);
        Files.deleteIfExists(p);
        removed++;
        freed += size;
      }
    }
    try (Stream<Path> files = Files.list(home)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if ((name.startsWith(".write-") || name.startsWith(".index-")) && name.endsWith(".tmp")
            && Files.getLastModifiedTime(p).toInstant().isBefore(staleTemp)) {
          Files.deleteIfExists(p);
        }
      }
    }
    return new long[] {removed, freed};
  }

  /** Bytes taken by all blobs. */
  public long totalBlobBytes() throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path p : files.toList()) {
        total += Files.size(p);
      }
    }
    return total;
  }

  static void writeAtomically(Path dir, Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(dir, ".write-", ".tmp");
    try {
      try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.setPosixFilePermissions(temp, READABLE);
      Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      FsSync.directory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The time a blob was written, for listings. */
  public Optional<FileTime> blobTime(Digest digest) {
    try {
      return Optional.of(Files.getLastModifiedTime(blobPath(digest)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
