package dev.hoist.build.cache;

import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The step cache in the local store: each entry is the OCI manifest of the image a step left
 * (config with history, layers), named in the store's index by the step's key. A hit gives back
 * the very same config bytes, so a fully cached rebuild yields the same image digest and writes no
 * blob. An entry whose blobs were pruned is a miss.
 */
public final class StepCache {
  private static final String CMD_SET = "dev.hoist.cmd-set";
  private static final String DIFF_ID = "dev.hoist.diff-id";
  private static final String LAYER_PREFIX = "layer:";
  private static final String IMAGE_PREFIX = "image:";
  private final LocalStore store;
  private final boolean read;
  private final List<CacheSource> sources;
  private final Consumer<String> warnings;
  private final Set<Digest> used = ConcurrentHashMap.newKeySet();
  private List<Map<Digest, Descriptor>> imported;

  /** {@code read} false ({@code --no-cache}) records entries but never uses them. */
  public StepCache(LocalStore store, boolean read) {
    this(store, read, List.of(), w -> {});
  }

  /**
   * A cache that, on a local miss, imports the entry from {@code sources} ({@code --cache-from}) in
   * order; a source that cannot be read is reported to {@code warnings} once and then ignored.
   */
  public StepCache(LocalStore store, boolean read, List<CacheSource> sources, Consumer<String> warnings) {
    this.store = store;
    this.read = read;
    this.sources = List.copyOf(sources);
    this.warnings = warnings;
  }

  public Optional<CachedImage> lookup(Digest key) throws IOException {
    if (!read) {
      return Optional.empty();
    }
    Optional<CachedImage> hit = local(key);
    if (hit.isEmpty() && imported(key)) {
      hit = local(key);
    }
    hit.ifPresent(h -> used.add(key));
    return hit;
  }

  /** The keys of every step this build took from the cache or recorded in it, for {@code --cache-to}. */
  public Set<Digest> used() {
    return Set.copyOf(used);
  }

  private boolean imported(Digest key) {
    List<Map<Digest, Descriptor>> indexes = indexes();
    for (int i = 0; i < indexes.size(); i++) {
      Descriptor manifest = indexes.get(i).get(key);
      if (manifest == null) {
        continue;
      }
      try {
        sources.get(i).fetch(manifest, store);
        store.putCacheEntry(key.toString(), manifest.withAnnotations(Map.of()));
        return true;
      } catch (HoistException | IOException e) {
        warnings.accept("cache from " + sources.get(i).describe() + ": " + e.getMessage() + "; running the step");
      }
    }
    return false;
  }

  private synchronized List<Map<Digest, Descriptor>> indexes() {
    if (imported == null) {
      List<Map<Digest, Descriptor>> out = new ArrayList<>();
      for (CacheSource s : sources) {
        try {
          out.add(s.entries());
        } catch (HoistException | IOException e) {
          warnings.accept("cache from " + s.describe() + " not used: " + e.getMessage());
          out.add(Map.of());
        }
      }
      imported = out;
    }
    return imported;
  }

  private Optional<CachedImage> local(Digest key) throws IOException {
    Optional<Descriptor> entry = store.cacheEntry(key.toString());
    if (entry.isEmpty() || !store.hasBlob(entry.get().digest())) {
      return Optional.empty();
    }
    try {
      Manifest m = Manifest.parse(store.readBlob(entry.get().digest()), "cache entry " + key);
      if (!store.hasBlob(m.config().digest()) || m.layers().stream().anyMatch(l -> !store.hasBlob(l.digest()))) {
        return Optional.empty();
      }
      ImageConfig config = ImageConfig.parse(store.readBlob(m.config().digest()), "cached config");
      return Optional.of(new CachedImage(config, m.layers(), "true".equals(m.annotations().get(CMD_SET))));
    } catch (HoistException e) {
      return Optional.empty();
    }
  }

  /** Records what step {@code key} left; returns the config descriptor. */
  public Descriptor record(Digest key, CachedImage image) throws IOException {
    Descriptor config = putIfAbsent(MediaType.OCI_CONFIG, image.config().toJson());
    Manifest m = Manifest.oci(config, image.layers(), Map.of(CMD_SET, Boolean.toString(image.cmdSet())));
    Descriptor manifest = putIfAbsent(MediaType.OCI_MANIFEST, m.toJson());
    store.putCacheEntry(key.toString(), manifest);
    used.add(key);
    return config;
  }

  /**
   * The layer written before for the same content key (a COPY whose entries and bytes are the same
   * gives the same layer, whatever came before it), if its blob is still there.
   */
  public Optional<Layer> layer(Digest contentKey) throws IOException {
    if (!read) {
      return Optional.empty();
    }
    Optional<Descriptor> entry = store.cacheEntry(LAYER_PREFIX + contentKey);
    if (entry.isEmpty() || !store.hasBlob(entry.get().digest())) {
      return Optional.empty();
    }
    String diffId = entry.get().annotations().get(DIFF_ID);
    if (diffId == null || !Digest.isDigest(diffId)) {
      return Optional.empty();
    }
    Descriptor d = entry.get();
    Descriptor blob = Descriptor.of(d.mediaType(), d.digest(), d.size());
    return Optional.of(new Layer(Digest.parse(diffId), blob, 0));
  }

  /** Remembers the layer written for a content key. */
  public void recordLayer(Digest contentKey, Layer layer) throws IOException {
    store.putCacheEntry(LAYER_PREFIX + contentKey, layer.descriptor().withAnnotations(Map.of(DIFF_ID, layer.diffId().toString())));
  }

  /** The manifest of the image written before for an image key, if its blob is still there. */
  public Optional<Descriptor> image(Digest imageKey) throws IOException {
    if (!read) {
      return Optional.empty();
    }
    Optional<Descriptor> entry = store.cacheEntry(IMAGE_PREFIX + imageKey);
    if (entry.isEmpty() || !store.hasBlob(entry.get().digest())) {
      return Optional.empty();
    }
    Descriptor d = entry.get();
    return Optional.of(Descriptor.of(d.mediaType(), d.digest(), d.size()));
  }

  /** Remembers the manifest written for an image key (it keeps the image's blobs from prune). */
  public void recordImage(Digest imageKey, Descriptor manifest) throws IOException {
    store.putCacheEntry(IMAGE_PREFIX + imageKey, manifest);
  }

  private Descriptor putIfAbsent(String mediaType, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    return store.hasBlob(d) ? Descriptor.of(mediaType, d, bytes.length) : store.putBytes(mediaType, bytes);
  }
}
