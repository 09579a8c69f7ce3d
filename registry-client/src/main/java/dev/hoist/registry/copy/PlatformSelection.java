package dev.hoist.registry.copy;

import dev.hoist.oci.Platform;

/** Which images of a multi-platform index a copy takes: all of them, or the one for a platform. */
public sealed interface PlatformSelection {
  /** The whole index, every platform. */
  record All() implements PlatformSelection {}

  /** Only the image for {@code platform}, pushed under the target name as a plain manifest. */
  record One(Platform platform) implements PlatformSelection {}

  static PlatformSelection all() {
    return new All();
  }

  static PlatformSelection of(Platform platform) {
    return new One(platform);
  }

  /** The image for the machine hoist runs on, as skopeo copies by default. */
  static PlatformSelection host() {
    return new One(Platform.host());
  }
}
