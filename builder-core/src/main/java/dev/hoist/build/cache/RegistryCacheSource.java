package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cache pushed with {@code --cache-to type=registry,ref=...}; a missing tag is an empty cache. */
public final class RegistryCacheSource implements CacheSource {
  private final ImageReference ref;
  private final Repository repo;

  public RegistryCacheSource(RegistryClients registries, ImageReference ref) {
    this.ref = ref;
    this.repo = registries.repository(ref);
  }

  @Override
  public Map<Digest, Descriptor> entries() {
    RawManifest top;
    try {
      top = repo.manifest(ref.manifestReference());
    } catch (RegistryException e) {
      if (e.status().orElse(0) == 404) {
        return Map.of();
      }
      throw e;
    }
    if (!top.isIndex()) {
      throw new HoistException("cache " + ref + " is a " + top.mediaType() + ", not a cache index written by"
          + " --cache-to");
    }
    return CacheIndex.entries(top.index(), ref.toString());
  }

  @Override
  public void fetch(Descriptor manifest, LocalStore store) throws IOException {
    RawManifest raw = repo.manifest(manifest.digest().toString());
    Manifest m = raw.manifest();
    List<Descriptor> blobs = new ArrayList<>(m.layers());
    blobs.add(m.config());
    for (Descriptor d : blobs) {
      if (!store.hasBlob(d.digest())) {
        try (InputStream in = repo.openBlob(d)) {
          store.putBlob(d.mediaType(), in, Optional.of(d.digest()));
        }
      }
    }
    store.putBytes(MediaType.OCI_MANIFEST, raw.bytes());
  }

  @Override
  public String describe() {
    return ref.toString();
  }
}
