package dev.hoist.build.step;

import dev.hoist.build.cache.StepCache;
import dev.hoist.build.context.SourceTree;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * What every step of a build shares: the Dockerfile's name (for messages), the store, the layer
 * writer, the step cache, the clock, the build context, and the way to reach another stage's or an
 * image's files for {@code COPY --from}, a scratch folder removed when the build ends, and the
 * build's warning channel.
 */
public record StageContext(
    String fileName, LocalStore store, LayerWriter layerWriter, StepCache cache, BuildClock clock,
    SourceTree context, FromResolver from, java.nio.file.Path workDir, Consumer<String> warnings) {

  /** Resolves a {@code --from} value (a stage name or index, or an image reference) to its files. */
  @FunctionalInterface
  public interface FromResolver {
    StepInput.FromSource resolve(String from) throws IOException;
  }
}
