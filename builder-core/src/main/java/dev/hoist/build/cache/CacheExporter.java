package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Manifest;
import dev.hoist.registry.RegistryClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --cache-to}: the step-cache entries a build used or recorded, written as an OCI index
 * (each entry manifest annotated with its step key) to a registry tag or a local OCI layout.
 */
public final class CacheExporter {
  private final LocalStore store;
  private final RegistryClients registries;

  public CacheExporter(LocalStore store, RegistryClients registries) {
    this.store = store;
    this.registries = registries;
  }

  /**
   * Exports the entries of {@code keys}: with {@link CacheSpec.Mode#MIN} only those whose layers
   * are a prefix of one of {@code images}' layers (the steps that lead to a built image), with
   * {@code MAX} all. Returns how many entries were written.
   */
  public int export(Collection<Digest> keys, List<Descriptor> images, CacheSpec spec) throws IOException {
    List<List<Descriptor>> built = new ArrayList<>();
    for (Descriptor image : images) {
      built.add(manifest(image.digest()).layers());
    }
    List<Entry> entries = new ArrayList<>();
    for (Digest key : keys.stream().sorted().toList()) {
      Optional<Descriptor> entry = store.cacheEntry(key.toString());
      if (entry.isEmpty() || !store.hasBlob(entry.get().digest())) {
        continue;
      }
      Manifest m = manifest(entry.get().digest());
      if (spec.mode() == CacheSpec.Mode.MIN && built.stream().noneMatch(layers -> isPrefix(m.layers(), layers))) {
        continue;
      }
      Descriptor d = Descriptor.of(entry.get().mediaType(), entry.get().digest(), entry.get().size())
          .withAnnotations(Map.of(CacheIndex.KEY, key.toString()));
      entries.add(new Entry(d, m));
    }
    switch (spec.type()) {
      case REGISTRY -> {
        ImageReference ref = ImageReference.parse(spec.location());
        new RegistryCacheExport(store, registries.repository(ref), ref).write(entries);
      }
      case LOCAL -> new LayoutCacheExport(store, spec.directory()).write(entries);
    }
    return entries.size();
  }

  private Manifest manifest(Digest digest) throws IOException {
    return Manifest.parse(store.readBlob(digest), "cache entry " + digest);
  }

  private static boolean isPrefix(List<Descriptor> prefix, List<Descriptor> layers) {
    if (prefix.size() > layers.size()) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (!prefix.get(i).digest().equals(layers.get(i).digest())) {
        return false;
      }
    }
    return true;
  }

  /** One exported entry: its descriptor in the cache index, and the manifest it names. */
  record Entry(Descriptor descriptor, Manifest manifest) {
    List<Descriptor> blobs() {
      List<Descriptor> out = new ArrayList<>(manifest.layers());
      out.add(manifest.config());
      return out;
    }
  }
}
