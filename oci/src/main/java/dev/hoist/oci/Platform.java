package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A platform as the OCI image index names it: {@code os/architecture[/variant]}. Parsing
 * normalises the spellings Docker accepts ({@code aarch64} is {@code arm64}, {@code x86_64} is
 * {@code amd64}, {@code armhf} is {@code arm/v7}) so that two spellings of one platform are equal.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures) {

  public Platform {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    variant = variant == null ? "" : variant;
    osVersion = osVersion == null ? "" : osVersion;
    osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
  }

  public static Platform of(String os, String architecture, String variant) {
    return new Platform(architecture, os, variant, "", List.of());
  }

  /** Parses {@code os/arch[/variant]} (or just {@code arch}, meaning linux), normalising names. */
  public static Platform parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 1 || parts.length > 3 || text.isBlank()) {
      throw new HoistException("invalid platform: " + text + " (want os/arch[/variant], e.g. linux/arm64)");
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.matches("[a-z0-9_.-]+")) {
        throw new HoistException("invalid platform: " + text + " (want os/arch[/variant], e.g. linux/arm64)");
      }
    }
    if (parts.length == 1) {
      return normalise("linux", parts[0], "");
    }
    return normalise(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** The platform of the machine this JVM runs on. */
  public static Platform host() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return normalise(os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux",
        System.getProperty("os.arch"), "");
  }

  private static Platform normalise(String os, String arch, String variant) {
    String a = arch;
    String v = variant;
    switch (arch) {
      case "x86_64", "x86-64", "amd64" -> a = "amd64";
      case "i386", "i686", "386", "x86" -> a = "386";
      case "aarch64", "arm64" -> {
        a = "arm64";
        if (v.equals("8")) {
          v = "v8";
        }
      }
      case "armhf" -> {
        a = "arm";
        v = "v7";
      }
      case "armel" -> {
        a = "arm";
        v = "v6";
      }
      case "arm" -> {
        if (v.matches("[5-8]")) {
          v = "v" + v;
        }
      }
      default -> {}
    }
    return of(os, a, v);
  }

  /**
   * Whether an image for {@code candidate} can serve a request for this platform: same OS and
   * architecture, and the same variant, where {@code arm64} without a variant equals {@code
   * arm64/v8} and {@code arm} without a variant equals {@code arm/v7}. An empty variant in the
   * request matches any variant.
   */
  public boolean matches(Platform candidate) {
    if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
      return false;
    }
    if (variant.isEmpty()) {
      return true;
    }
    return effectiveVariant().equals(candidate.effectiveVariant());
  }

  private String effectiveVariant() {
    if (variant.isEmpty()) {
      return switch (architecture) {
        case "arm64" -> "v8";
        case "arm" -> "v7";
        default -> "";
      };
    }
    return variant;
  }

  /** {@code os/arch[/variant]}, as {@code --platform} spells it. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }

  /** The platform at the reader's current token, or null for JSON null. */
  static Platform read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    String architecture = null;
    String os = null;
    String variant = null;
    String osVersion = null;
    List<String> osFeatures = null;
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "architecture" -> architecture = json.string();
        case "os" -> os = json.string();
        case "variant" -> variant = json.string();
        case "os.version" -> osVersion = json.string();
        case "os.features" -> osFeatures = json.list(JsonReader::string);
        default -> json.skip();
      }
    }
    if (architecture == null || os == null) {
      throw json.error("a platform needs an os and an architecture");
    }
    return new Platform(architecture, os, variant, osVersion, osFeatures);
  }

  /** The same platform without os.version and os.features. */
  @JsonIgnore
  public Platform withoutOsDetails() {
    return of(os, architecture, variant);
  }
}
