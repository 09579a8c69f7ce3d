package dev.hoist.build.image;

import dev.hoist.oci.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Asks each source in turn (the local store, then the registry; with {@code --pull} the registry only). */
public final class ChainedImageSource implements ImageSource {
  private final List<ImageSource> sources;

  public ChainedImageSource(List<ImageSource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public Optional<ResolvedImage> find(String reference, Platform platform) throws IOException {
    for (ImageSource s : sources) {
      Optional<ResolvedImage> found = s.find(reference, platform);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
