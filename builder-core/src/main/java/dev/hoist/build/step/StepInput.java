package dev.hoist.build.step;

import dev.hoist.build.context.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
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
   * What {@code --from} names: a text that identifies its content (its final cache key or config
   * digest), its files as COPY reads them (the layers' headers, read on first use), and its root
   * filesystem unpacked on disk (on first use) for RUN mounts.
   */
  public record FromSource(String identity, TreeSupplier files, DirectorySupplier directory) {}

  /** Reads a stage's or image's file tree when a step first needs it. */
  @FunctionalInterface
  public interface TreeSupplier {
    SourceTree get() throws IOException;
  }

  /** Unpacks a root filesystem when a step first needs it. */
  @FunctionalInterface
  public interface DirectorySupplier {
    Path get() throws IOException;
  }
}
