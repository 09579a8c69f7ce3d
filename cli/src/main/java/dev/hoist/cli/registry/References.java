package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Platform;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.RawManifest;
import java.util.List;
import java.util.Optional;

/** Parses registry references given on the command line and resolves them to one platform. */
final class References {
  private static final List<String> OTHER_TRANSPORTS =
      List.of("oci:", "oci-archive:", "docker-archive:", "store:", "dir:", "docker-daemon:", "containers-storage:");

  private References() {}

  /** A registry reference, with or without a {@code docker://} prefix. */
  static ImageReference parse(String text) {
    String t = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
    for (String prefix : OTHER_TRANSPORTS) {
      if (t.startsWith(prefix)) {
        throw new UsageException("'" + text + "' is not a registry reference; this command takes REGISTRY/REPO[:TAG|@DIGEST]"
            + " or docker://REF");
      }
    }
    return ImageReference.parse(t);
  }

  /** A repository name without tag or digest. */
  static ImageReference repository(String text) {
    ImageReference ref = parse(text);
    if (ref.tag().isPresent() || ref.digest().isPresent()) {
      throw new UsageException("'" + text + "' names a tag or digest; give only REGISTRY/REPOSITORY");
    }
    return ref;
  }

  static Optional<Platform> platform(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(Platform.parse(text));
  }

  /**
   * The manifest {@code ref} names; when it is an index and a platform is wanted (explicitly, or
   * because {@code forceOne}), the manifest of that platform.
   */
  static RawManifest resolve(Repository repo, ImageReference ref, Optional<Platform> platform, boolean forceOne) {
    RawManifest top = repo.manifest(ref.manifestReference());
    if (!top.isIndex() || (platform.isEmpty() && !forceOne)) {
      return top;
    }
    Platform p = platform.orElse(Platform.host());
    var index = top.index();
    var d = index.find(p).orElseThrow(() -> new HoistException(
        ref + " has no image for platform " + p + " (it has: " + String.join(", ", index.platforms()) + ")"));
    return repo.manifest(d.digest().toString());
  }
}
