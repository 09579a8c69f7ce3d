package dev.hoist.build.upload;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.BlobSource;
import dev.hoist.registry.blob.ParallelBlobs;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Uploads blobs from the store to a repository, as many at a time as the registry configuration's
 * {@code parallelTransfers} ({@link ParallelBlobs}), streamed from their files; a blob the repository lacks but another
 * repository of the same registry received before is mounted from there ({@link BlobLocations}).
 * {@link #close()} keeps what was learnt for the next push.
 */
public final class StoreBlobUploader implements AutoCloseable {
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
    ParallelBlobs.forEach(repo.client().config().parallelTransfers(), List.copyOf(blobs), d -> upload(repo, registry, d));
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
