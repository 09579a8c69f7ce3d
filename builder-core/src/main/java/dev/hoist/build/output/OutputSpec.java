package dev.hoist.build.output;

import dev.hoist.dockerfile.text.CsvFields;
import dev.hoist.oci.HoistException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code --output} value as buildx spells it: {@code type=oci,dest=out.tar},
 * {@code type=oci,dest=dir,tar=false}, {@code type=docker,dest=f.tar}, {@code type=local,dest=dir},
 * {@code type=tar,dest=f}, {@code type=registry}, {@code type=image[,push=true]}; plus {@code
 * oci-mediatypes=false} for Docker media types and {@code name=} for the names to push or store
 * (several: {@code "name=a:1,b:1"}, quoted as a CSV field). {@code dest=-} sends an archive to
 * stdout, and {@code -} alone is {@code type=tar,dest=-}.
 */
public record OutputSpec(Type type, Optional<String> dest, Map<String, String> attrs) {
  /** The kinds of output. */
  public enum Type {
    IMAGE,
    REGISTRY,
    OCI,
    DOCKER,
    LOCAL,
    TAR
  }

  /** {@code dest=-}: the archive goes to stdout. */
  public static final String STDOUT = "-";

  public OutputSpec {
    attrs = Map.copyOf(attrs);
  }

  public static OutputSpec parse(String text) {
    if (text.equals(STDOUT)) {
      return new OutputSpec(Type.TAR, Optional.of(STDOUT), Map.of());
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String part : fields(text)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        if (attrs.isEmpty() && !part.isBlank() && text.indexOf('=') < 0) {
          attrs.put("type", "local");
          attrs.put("dest", part);
          continue;
        }
        throw new HoistException("invalid --output " + text + ": \"" + part + "\" is not key=value");
      }
      attrs.put(part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), part.substring(eq + 1).trim());
    }
    String type = attrs.remove("type");
    if (type == null) {
      throw new HoistException("invalid --output " + text + ": type= is required (image, registry, oci, docker, local, tar)");
    }
    Type t = switch (type) {
      case "image" -> Type.IMAGE;
      case "registry" -> Type.REGISTRY;
      case "oci" -> Type.OCI;
      case "docker" -> Type.DOCKER;
      case "local" -> Type.LOCAL;
      case "tar" -> Type.TAR;
      default -> throw new HoistException("invalid --output " + text + ": unknown type " + type
          + " (want image, registry, oci, docker, local or tar)");
    };
    Optional<String> dest = Optional.ofNullable(attrs.remove("dest"));
    if (dest.isEmpty() && t != Type.IMAGE && t != Type.REGISTRY) {
      throw new HoistException("invalid --output " + text + ": type=" + type + " needs dest=");
    }
    OutputSpec spec = new OutputSpec(t, dest, attrs);
    if (spec.toStdout() && (t == Type.LOCAL || (t == Type.OCI && !spec.tar()))) {
      throw new HoistException("invalid --output " + text + ": dest=- writes a tar to stdout; a directory output needs a path");
    }
    return spec;
  }

  private static List<String> fields(String text) {
    try {
      return CsvFields.split(text);
    } catch (IllegalArgumentException e) {
      throw new HoistException("invalid --output " + text + ": " + e.getMessage(), e);
    }
  }

  /** Whether the output is an archive written to stdout. */
  public boolean toStdout() {
    return dest.filter(STDOUT::equals).isPresent();
  }

  /** The references of {@code name=}, which may list several separated by commas. */
  public List<String> names() {
    return Optional.ofNullable(attrs.get("name")).stream()
        .flatMap(n -> Arrays.stream(n.split(",")))
        .map(String::trim)
        .filter(n -> !n.isEmpty())
        .toList();
  }

  /** Whether this output pushes to a registry. */
  public boolean pushes() {
    return type == Type.REGISTRY || (type == Type.IMAGE && "true".equals(attrs.get("push")));
  }

  /** Whether manifests use OCI media types ({@code oci-mediatypes=false} asks for Docker's). */
  public boolean ociMediaTypes() {
    return !"false".equals(attrs.get("oci-mediatypes"));
  }

  /** For {@code type=oci}: a tar archive unless {@code tar=false}. */
  public boolean tar() {
    return !"false".equals(attrs.get("tar"));
  }
}
