package dev.hoist.build.step;

import dev.hoist.oci.Digest;
import java.util.List;
import java.util.Optional;

/**
 * A step whose cache key is known: {@link #run} makes its result when the cache has none, and
 * {@code files} are the entries its layer adds, so later steps see them whether the step ran or
 * was cached (empty when unknown: the file view is then rebuilt from the layers if needed).
 */
public record PreparedStep(Digest key, Action run, Optional<List<FileEntry>> files) {
  public static PreparedStep of(Digest key, Action run, List<FileEntry> files) {
    return new PreparedStep(key, run, Optional.of(List.copyOf(files)));
  }

  /** Makes the step's result. */
  @FunctionalInterface
  public interface Action {
    ImageState run() throws Exception;
  }
}
