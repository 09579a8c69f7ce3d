package dev.hoist.build.image;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.StoredImage;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.util.Optional;

/**
 * Images already in the local store. An index gives the manifest for the platform, or an error
 * that names the platforms it has; a single manifest must be for the platform asked for.
 */
public final class StoreImageSource implements ImageSource {
  private final LocalStore store;

  public StoreImageSource(LocalStore store) {
    this.store = store;
  }

  @Override
  public Optional<ResolvedImage> find(String reference, Platform platform) throws IOException {
    Optional<StoredImage> stored = store.resolve(reference);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Optional<ResolvedImage> image = resolveIfComplete(store, stored.get().name(), stored.get().descriptor(), platform);
    if (image.isEmpty() || image.get().layers().stream().anyMatch(l -> !store.hasBlob(l.digest()))) {
      return Optional.empty();
    }
    return image;
  }

  /**
   * The image for {@code platform} that {@code root} (a manifest or index in the store) names, or
   * empty when the store holds the index but not that platform's manifest (pulled for another one).
   */
  public static Optional<ResolvedImage> resolveIfComplete(LocalStore store, String name, Descriptor root,
      Platform platform) throws IOException {
    Descriptor d = root;
    if (MediaType.isIndex(d.mediaType())) {
      ImageIndex index = ImageIndex.parse(store.readBlob(d.digest()), name);
      d = index.find(platform).orElseThrow(() -> new HoistException("image " + name + " has no variant for "
          + platform + " (it has " + String.join(", ", index.platforms()) + ")"));
    }
    if (!store.hasBlob(d.digest())) {
      return Optional.empty();
    }
    Manifest m = Manifest.parse(store.readBlob(d.digest()), name);
    ImageConfig config = ImageConfig.parse(store.readBlob(m.config().digest()), "config of " + name);
    if (!config.architecture().isEmpty() && !platform.matches(config.platform().withoutOsDetails())
        && !platform.withoutOsDetails().equals(config.platform().withoutOsDetails())) {
      throw new HoistException("image " + name + " is for " + config.platform().withoutOsDetails()
          + ", not " + platform + " (it has " + config.platform().withoutOsDetails() + ")");
    }
    return Optional.of(new ResolvedImage(name, d.digest(), m.config().digest(), config, m.layers()));
  }
}
