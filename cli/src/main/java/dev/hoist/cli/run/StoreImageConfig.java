package dev.hoist.cli.run;

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

/** An image of the local store resolved to the manifest and config of one platform. */
record StoreImageConfig(Manifest manifest, ImageConfig config) {

  static StoreImageConfig resolve(LocalStore store, String ref, Optional<Platform> platform) throws IOException {
    StoredImage image = store.resolve(ref).orElseThrow(() -> new HoistException("no such image in the store: " + ref));
    Descriptor d = image.descriptor();
    if (MediaType.isIndex(d.mediaType())) {
      ImageIndex index = ImageIndex.parse(store.readBlob(d.digest()), "index of " + image.name());
      Platform want = platform.orElse(Platform.host());
      d = index.find(want).orElseThrow(() -> new HoistException(image.name() + " has no image for " + want));
    }
    Manifest m = Manifest.parse(store.readBlob(d.digest()), "manifest of " + image.name());
    ImageConfig c = ImageConfig.parse(store.readBlob(m.config().digest()), "config of " + image.name());
    return new StoreImageConfig(m, c);
  }
}
