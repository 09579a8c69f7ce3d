package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exported form of a step cache: an OCI index of entry manifests, each annotated with the step
 * key it answers, as the local store's own index annotates its entries.
 */
final class CacheIndex {
  static final String KEY = LocalStore.CACHE_KEY_ANNOTATION;

  private CacheIndex() {}

  static ImageIndex of(List<Descriptor> entries) {
    return ImageIndex.oci(entries, Map.of());
  }

  /**
   * Entry manifests by step key; descriptors without a valid key are not entries and are skipped.
   * An index with manifests but no entry at all (a BuildKit cache, an image) is refused, so that
   * {@code --cache-from} says why it never hits.
   */
  static Map<Digest, Descriptor> entries(ImageIndex index, String where) {
    Map<Digest, Descriptor> out = new HashMap<>();
    for (Descriptor d : index.manifests()) {
      String key = d.annotations().get(KEY);
      if (key != null && Digest.isDigest(key)) {
        out.put(Digest.parse(key), d);
      }
    }
    if (out.isEmpty() && !index.manifests().isEmpty()) {
      throw new HoistException(where + " holds no cache written by --cache-to (hoist cannot read BuildKit's"
          + " cache format or an image as a cache)");
    }
    return out;
  }
}
