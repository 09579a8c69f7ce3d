package dev.hoist.build.image;

import dev.hoist.cache.extract.ExtractOptions;
import dev.hoist.cache.extract.LayerExtractor;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Unpacks an image's layers, lowest first, into a fresh directory with the store's safe extractor. */
public final class RootfsUnpacker {
  private RootfsUnpacker() {}

  public static Path unpack(LocalStore store, List<Descriptor> layers, Path parent) throws IOException {
    Path dir = Files.createTempDirectory(parent, "rootfs-");
    LayerExtractor extractor = LayerExtractor.create(ExtractOptions.defaults());
    for (Descriptor layer : layers) {
      try (InputStream in = store.openBlob(layer.digest())) {
        extractor.extract(in, dir);
      }
    }
    return dir;
  }
}
