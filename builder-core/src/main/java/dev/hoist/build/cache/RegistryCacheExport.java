package dev.hoist.build.cache;

import dev.hoist.build.upload.StoreBlobUploader;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.Repository;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes a cache to a registry tag: every blob the repository lacks (mounted from an image pushed
 * to the same registry when one is known to have it), each entry manifest by digest, then the
 * cache index under the tag.
 */
final class RegistryCacheExport {
  private final LocalStore store;
  private final Repository repo;
  private final ImageReference ref;

  RegistryCacheExport(LocalStore store, Repository repo, ImageReference ref) {
    this.store = store;
    this.repo = repo;
    this.ref = ref;
  }

  void write(List<CacheExporter.Entry> entries) throws IOException {
    Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
    for (CacheExporter.Entry e : entries) {
      e.blobs().forEach(d -> blobs.putIfAbsent(d.digest(), d));
    }
    try (StoreBlobUploader uploader = StoreBlobUploader.open(store)) {
      uploader.uploadAll(repo, ref.registry(), blobs.values());
    }
    for (CacheExporter.Entry e : entries) {
      Digest d = e.descriptor().digest();
      repo.putManifest(store.readBlob(d), MediaType.OCI_MANIFEST, d.toString());
    }
    repo.putManifest(CacheIndex.of(entries.stream().map(CacheExporter.Entry::descriptor).toList()).toJson(),
        MediaType.OCI_INDEX, ref.tagOrLatest());
  }
}
