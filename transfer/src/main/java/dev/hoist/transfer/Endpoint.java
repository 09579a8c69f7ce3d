package dev.hoist.transfer;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image is, in the transport syntax {@code hoist cp} and skopeo share: {@code store:NAME},
 * {@code oci:DIR[:name]}, {@code oci-archive:FILE[:name]}, {@code docker-archive:FILE[:name]}, or a
 * registry reference ({@code docker://REF} or a bare reference).
 */
public sealed interface Endpoint {
  /** An image in hoist's own store. */
  record Store(String name) implements Endpoint {}

  /** An OCI image layout directory; the name is its {@code org.opencontainers.image.ref.name}. */
  record OciLayout(Path dir, Optional<String> name) implements Endpoint {}

  /** A tar of an OCI image layout. */
  record OciArchive(Path file, Optional<String> name) implements Endpoint {}

  /** A {@code docker save} archive; the name is a RepoTag. */
  record DockerArchive(Path file, Optional<String> name) implements Endpoint {}

  /** An image in a registry. */
  record Registry(ImageReference reference) implements Endpoint {}

  /** Parses a transport spec; a user-fixable error says what is wrong. */
  static Endpoint parse(String spec) {
    int colon = spec.indexOf(':');
    String transport = colon < 0 ? "" : spec.substring(0, colon);
    String rest = colon < 0 ? spec : spec.substring(colon + 1);
    return switch (transport) {
      case "store" -> {
        if (rest.isEmpty()) {
          throw new HoistException("'" + spec + "': store: needs an image name, e.g. store:busybox:latest");
        }
        yield new Store(rest);
      }
      case "oci" -> {
        PathAndName p = split(spec, rest);
        yield new OciLayout(p.path(), p.name());
      }
      case "oci-archive" -> {
        PathAndName p = split(spec, rest);
        yield new OciArchive(p.path(), p.name());
      }
      case "docker-archive" -> {
        PathAndName p = split(spec, rest);
        yield new DockerArchive(p.path(), p.name());
      }
      case "docker" -> new Registry(ImageReference.parse(rest.startsWith("//") ? rest.substring(2) : rest));
      default -> new Registry(ImageReference.parse(spec));
    };
  }

  /** A path and an optional name after the first ':' (as skopeo splits them). */
  record PathAndName(Path path, Optional<String> name) {}

  private static PathAndName split(String spec, String rest) {
    if (rest.isEmpty()) {
      throw new HoistException("'" + spec + "': a path is required after the transport");
    }
    int colon = rest.indexOf(':');
    if (colon < 0) {
      return new PathAndName(Path.of(rest), Optional.empty());
    }
    String name = rest.substring(colon + 1);
    return new PathAndName(Path.of(rest.substring(0, colon)), name.isEmpty() ? Optional.empty() : Optional.of(name));
  }
}
