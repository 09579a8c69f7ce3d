package dev.hoist.build.step;

import dev.hoist.build.context.SourceTree;
import java.io.IOException;
import java.util.Map;

/**
 * What one step sees: the image state before it, the file view of that image, the ARG values in
 * scope and the stage's shared context.
 */
public record StepInput(ImageState state, FilesView files, Map<String, String> args, StageContext stage) {
  /** The image's file view, built on first use. */
  @FunctionalInterface
  public interface FilesView {
    ImageFiles get() throws IOException;
  }

  /**
   * Where COPY --from reads: a stage's or image's root filesystem, unpacked on first use, and a
   * text that identifies its content (its final cache key or config digest).
   */
  public record FromSource(String identity, TreeSupplier tree) {}

  /** Unpacks a root filesystem when a step first needs it. */
  @FunctionalInterface
  public interface TreeSupplier {
    SourceTree get() throws IOException;
  }
}
