package dev.hoist.cli.store;

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

/** An image of the store resolved down to one platform's manifest and config, for the listing commands. */
record StoreImage(StoredImage stored, Descriptor manifestDescriptor, Manifest manifest, ImageConfig config) {

  static StoreImage resolve(LocalStore store, String ref, Optional<Platform> platform) throws IOException {
    StoredImage image = store.resolve(ref).orElseThrow(() -> new HoistException("no such image: " + ref));
    return of(store, image, platform);
  }

  static StoreImage of(LocalStore store, StoredImage image, Optional<Platform> platform) throws IOException {
    Descriptor d = image.descriptor();
    if (MediaType.isIndex(d.mediaType())) {
      ImageIndex index = ImageIndex.parse(store.readBlob(d.digest()), "index of " + image.name());
      Platform want = platform.orElse(Platform.host());
      d = index.find(want).or(() -> index.manifests().stream().findFirst())
          .orElseThrow(() -> new HoistException(image.name() + " is an empty index"));
    }
    Manifest m = Manifest.parse(store.readBlob(d.digest()), "manifest of " + image.name());
    ImageConfig c = ImageConfig.parse(store.readBlob(m.config().digest()), "config of " + image.name());
    return new StoreImage(image, d, m, c);
  }

  /** Bytes of config and layers as stored (compressed). */
  long size() {
    return manifest.config().size() + manifest.layers().stream().mapToLong(Descriptor::size).sum();
  }

  /** The image ID as Docker shows it: the config digest. */
  String id() {
    return manifest.config().digest().shortHex();
  }
}
