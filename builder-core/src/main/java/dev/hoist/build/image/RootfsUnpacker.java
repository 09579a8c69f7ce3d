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
import java.util.function.Consumer;

/**
 * Unpacks an image's layers, lowest first, into a fresh directory with the store's safe extractor;
 * what it could not restore (devices, xattrs this user may not create) goes to {@code warnings}.
 */
public final class RootfsUnpacker {
  private RootfsUnpacker() {}

  public static Path unpack(LocalStore store, List<Descriptor> layers, Path parent, Consumer<String> warnings)
      throws IOException {
    Path dir = Files.createTempDirectory(parent, "rootfs-");
    LayerExtractor extractor = LayerExtractor.create(ExtractOptions.defaults());
    for (Descriptor layer : layers) {
      try (InputStream in = store.openBlob(layer.digest())) {
        extractor.extract(in, dir).warnings().forEach(w -> warnings.accept("warning: " + w));
      }
    }
    return dir;
  }
}
