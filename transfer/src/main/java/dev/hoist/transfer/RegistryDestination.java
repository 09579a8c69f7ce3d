package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.BlobSource;
import java.util.Optional;

/**
 * Pushes images to a registry repository: blobs the registry lacks, child manifests by digest, the
 * top manifest under the reference's tag (or its digest), all as the exact bytes hoist holds.
 */
public final class RegistryDestination implements ImageDestination {
  private final Repository repository;
  private final ImageReference reference;

  public RegistryDestination(Repository repository, ImageReference reference) {
    this.repository = repository;
    this.reference = reference;
  }

  @Override
  public boolean acceptsParallelBlobs() {
    return true;
  }

  @Override
  public boolean hasBlob(Descriptor descriptor) {
    return repository.headBlob(descriptor.digest()).isPresent();
  }

  @Override
  public void putBlob(Descriptor descriptor, BlobOpener content) {
    repository.uploadBlob(descriptor.digest(), descriptor.size(), BlobSource.fromStart(content::open));
  }

  @Override
  public void putManifest(RawManifest manifest) {
    repository.putManifest(manifest.bytes(), manifest.mediaType(), manifest.digest().toString());
  }

  @Override
  public void commit(RawManifest top, Optional<String> name) {
    String tag = reference.digest().map(Object::toString).orElse(reference.tagOrLatest());
    repository.putManifest(top.bytes(), top.mediaType(), tag);
  }

  @Override
  public void close() {}
}
