package dev.hoist.build.image;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.Platform;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.ParallelBlobs;
import dev.hoist.registry.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Base images from their registry: the manifest for the platform (from an index, or a clear error
 * naming the platforms it has), then the config and every layer the store lacks, streamed and
 * verified into the store, the layers {@code parallelTransfers} at a time. The image is then named
 * in the store so later builds find it there.
 */
public final class RegistryImageSource implements ImageSource {
  private final LocalStore store;
  private final RegistryClients registries;

  public RegistryImageSource(LocalStore store, RegistryClients registries) {
    this.store = store;
    this.registries = registries;
  }

  @Override
  public Optional<ResolvedImage> find(String reference, Platform platform) throws IOException {
    ImageReference ref = ImageReference.parse(reference);
    Repository repo = registries.repository(ref);
    RawManifest top = repo.manifest(ref.manifestReference());
    RawManifest chosen = top;
    if (top.isIndex()) {
      ImageIndex index = top.index();
      Descriptor d = index.find(platform).orElseThrow(() -> new HoistException("image " + reference
          + " has no variant for " + platform + " (it has " + String.join(", ", index.platforms()) + ")"));
      chosen = repo.manifest(d.digest().toString());
    }
    Manifest m = chosen.manifest();
    fetch(repo, m.config());
    ImageConfig config = ImageConfig.parse(store.readBlob(m.config().digest()), "config of " + reference);
    Platform has = config.platform().withoutOsDetails();
    if (!config.architecture().isEmpty() && !platform.matches(has)) {
      throw new HoistException("image " + reference + " is for " + has + ", not " + platform + " (it has " + has + ")");
    }
    ParallelBlobs.forEach(repo.client().config().parallelTransfers(), m.layers(), layer -> fetch(repo, layer));
    store.putBytes(top.mediaType(), top.bytes());
    if (chosen != top) {
      store.putBytes(chosen.mediaType(), chosen.bytes());
    }
    store.tag(ref.toString(), top.descriptor());
    return Optional.of(new ResolvedImage(reference, chosen.digest(), m.config().digest(), config, m.layers()));
  }

  private void fetch(Repository repo, Descriptor d) throws IOException {
    if (store.hasBlob(d.digest())) {
      return;
    }
    try (InputStream in = repo.openBlob(d)) {
      store.putBlob(d.mediaType(), in, Optional.of(d.digest()));
    }
  }
}
