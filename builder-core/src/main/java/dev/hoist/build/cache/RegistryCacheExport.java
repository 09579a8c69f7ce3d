package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.BlobSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes a cache to a registry tag: every blob the repository lacks (a few at a time, streamed
 * from the store), each entry manifest by digest, then the cache index under the tag.
 */
final class RegistryCacheExport {
  private static final int PARALLEL_UPLOADS = 4;
  private final LocalStore store;
  private final Repository repo;

  RegistryCacheExport(LocalStore store, Repository repo) {
    this.store = store;
    this.repo = repo;
  }

  void write(List<CacheExporter.Entry> entries, String tag) throws IOException {
    Map<Digest, Long> blobs = new LinkedHashMap<>();
    for (CacheExporter.Entry e : entries) {
      for (Descriptor d : e.blobs()) {
        blobs.put(d.digest(), d.size());
      }
    }
    uploadAll(blobs);
    for (CacheExporter.Entry e : entries) {
      Digest d = e.descriptor().digest();
      repo.putManifest(store.readBlob(d), MediaType.OCI_MANIFEST, d.toString());
    }
    repo.putManifest(CacheIndex.of(entries.stream().map(CacheExporter.Entry::descriptor).toList()).toJson(),
        MediaType.OCI_INDEX, tag);
  }

  private void uploadAll(Map<Digest, Long> blobs) throws IOException {
    if (blobs.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_UPLOADS, blobs.size()));
    try {
      List<Future<?>> uploads = blobs.entrySet().stream()
          .<Future<?>>map(b -> pool.submit(() -> repo.uploadBlob(b.getKey(), b.getValue(),
              BlobSource.of(store.blobPath(b.getKey())))))
          .toList();
      for (Future<?> f : uploads) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("cache export interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
