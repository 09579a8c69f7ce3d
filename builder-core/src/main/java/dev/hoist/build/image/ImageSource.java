package dev.hoist.build.image;

import dev.hoist.oci.Platform;
import java.io.IOException;
import java.util.Optional;

/** Finds an image for FROM or {@code COPY --from}, for one platform, with its layers in the local store. */
public interface ImageSource {
  /** The image, or empty when this source does not have it. */
  Optional<ResolvedImage> find(String reference, Platform platform) throws IOException;
}
