package dev.hoist.build.step;

import dev.hoist.build.cache.StepCache;
import dev.hoist.build.context.SourceTree;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import java.io.IOException;

/**
 * What every step of a build shares: the Dockerfile's name (for messages), the store, the layer
 * writer, the step cache, the clock, the build context, and the way to reach another stage's or an
 * image's files for {@code COPY --from}, and a scratch folder removed when the build ends.
 */
public record StageContext(
    String fileName, LocalStore store, LayerWriter layerWriter, StepCache cache, BuildClock clock,
    SourceTree context, FromResolver from, java.nio.file.Path workDir) {

  /** Resolves a {@code --from} value (a stage name or index, or an image reference) to its files. */
  @FunctionalInterface
  public interface FromResolver {
    StepInput.FromSource resolve(String from) throws IOException;
  }
}
