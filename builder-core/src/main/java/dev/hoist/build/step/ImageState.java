package dev.hoist.build.step;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.History;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.RootFs;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage's image after some steps: its config (with rootfs and history), its layer blobs, whether
 * this stage set CMD (ENTRYPOINT resets an inherited CMD only), and the cache key of the last step.
 */
public record ImageState(ImageConfig config, List<Descriptor> layers, boolean cmdSet, Digest cacheKey) {
  public ImageState {
    layers = List.copyOf(layers);
    if (config.rootfs().diffIds().size() != layers.size()) {
      throw new IllegalArgumentException("config names " + config.rootfs().diffIds().size()
          + " layers, state has " + layers.size());
    }
  }

  public ImageState withConfig(ImageConfig c) {
    return new ImageState(c, layers, cmdSet, cacheKey);
  }

  public ImageState withCmdSet(boolean set) {
    return new ImageState(config, layers, set, cacheKey);
  }

  public ImageState withCacheKey(Digest key) {
    return new ImageState(config, layers, cmdSet, key);
  }

  /** This state with a history entry and, unless {@code layer} is empty, one more layer. */
  public ImageState commit(History history, java.util.Optional<NewLayer> layer) {
    List<History> h = new ArrayList<>(config.history());
    h.add(history);
    ImageConfig c = config.withHistory(h);
    List<Descriptor> ls = layers;
    if (layer.isPresent()) {
      List<Digest> ids = new ArrayList<>(config.rootfs().diffIds());
      ids.add(layer.get().diffId());
      c = c.withRootFs(RootFs.of(ids));
      ls = new ArrayList<>(layers);
      ls.add(layer.get().blob());
    }
    return new ImageState(c, ls, cmdSet, cacheKey);
  }

  /** A layer a step made: its diff ID and its blob. */
  public record NewLayer(Digest diffId, Descriptor blob) {}
}
