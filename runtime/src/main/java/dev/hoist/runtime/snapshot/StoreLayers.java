package dev.hoist.runtime.snapshot;

import dev.hoist.cache.extract.ExtractOptions;
import dev.hoist.cache.extract.LayerExtractor;
import dev.hoist.cache.extract.OwnershipMode;
import dev.hoist.cache.extract.WhiteoutMode;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ChainLayer}s of an image of the local store, unpacked from its layer blobs: as root
 * with the entries' owners, else owned by the user with the entries' owners recorded for {@link
 * LayerSnapshots} to give inside the user namespace.
 */
public final class StoreLayers {
  private StoreLayers() {}

  /** {@code layers} are the manifest's layer descriptors, in the order of the config's diff IDs. */
  public static List<ChainLayer> of(LocalStore store, List<Descriptor> layers, ImageConfig config) {
    List<Digest> diffIds = config.rootfs().diffIds();
    if (layers.size() != diffIds.size()) {
      throw new HoistException("image has " + layers.size() + " layers but " + diffIds.size() + " diff IDs in its config");
    }
    List<Digest> chain = ChainLayer.chainIds(diffIds);
    LayerExtractor extractor = LayerExtractor.create(new ExtractOptions(WhiteoutMode.KEEP,
        OwnershipMode.forCurrentUser() == OwnershipMode.PRESERVE ? OwnershipMode.PRESERVE : OwnershipMode.RECORD));
    List<ChainLayer> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor blob = layers.get(i);
      out.add(new ChainLayer(chain.get(i), dir -> {
        try (InputStream in = store.openBlob(blob.digest())) {
          return extractor.extract(in, dir);
        } catch (IOException e) {
          throw new IOException("cannot unpack layer " + blob.digest() + ": " + e.getMessage(), e);
        }
      }));
    }
    return out;
  }
}
