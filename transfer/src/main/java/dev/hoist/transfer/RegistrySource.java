package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.Repository;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Reads one image from a registry repository through the registry client (blobs verified, resumable). */
public final class RegistrySource implements ImageSource {
  private final Repository repository;
  private final ImageReference reference;

  public RegistrySource(Repository repository, ImageReference reference) {
    this.repository = repository;
    this.reference = reference;
  }

  @Override
  public List<SourceImage> images() {
    String tagOrDigest = reference.digest().map(Object::toString).orElse(reference.tagOrLatest());
    return List.of(new SourceImage(Optional.of(reference.toString()), convert(repository.manifest(tagOrDigest))));
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) {
    return convert(repository.manifest(descriptor.digest().toString()));
  }

  @Override
  public InputStream blob(Descriptor descriptor) {
    return repository.openBlob(descriptor);
  }

  private static RawManifest convert(dev.hoist.registry.manifest.RawManifest m) {
    return new RawManifest(m.mediaType(), m.bytes());
  }

  @Override
  public void close() {}
}
