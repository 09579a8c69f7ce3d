package dev.hoist.build.upload;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.BlobSource;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Uploads blobs from the store to a repository a few at a time (the registry client bounds
 * transfers per registry too), streamed from their files; a blob the repository lacks but another
 * repository of the same registry received before is mounted from there ({@link BlobLocations}).
 * {@link #close()} keeps what was learnt for the next push.
 */
public final class StoreBlobUploader implements AutoCloseable {
  private static final int PARALLEL = 4;
  private final LocalStore store;
  private final BlobLocations locations;

  private StoreBlobUploader(LocalStore store, BlobLocations locations) {
    this.store = store;
    this.locations = locations;
  }

  public static StoreBlobUploader open(LocalStore store) {
    return new StoreBlobUploader(store,
        BlobLocations.open(store.home().resolve("hoist-cache").resolve("blob-locations.tsv")));
  }

  /** Uploads every blob of {@code blobs} that {@code repo} (on {@code registry}) lacks. */
  public void uploadAll(Repository repo, String registry, Collection<Descriptor> blobs) throws IOException {
    if (blobs.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, blobs.size()));
    try {
      List<Future<?>> uploads = blobs.stream().<Future<?>>map(d -> pool.submit(() -> upload(repo, registry, d)))
          .toList();
      for (Future<?> f : uploads) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("upload interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void upload(Repository repo, String registry, Descriptor d) {
    repo.uploadBlob(d.digest(), d.size(), BlobSource.of(store.blobPath(d.digest())),
        locations.elsewhere(registry, d.digest(), repo.name()));
    locations.record(registry, d.digest(), repo.name());
  }

  @Override
  public void close() throws IOException {
    locations.save();
  }
}
