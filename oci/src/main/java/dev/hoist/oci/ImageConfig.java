package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image configuration (OCI {@code image.config.v1}, the same as Docker's image JSON). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"created", "author", "architecture", "os", "os.version", "os.features", "variant",
    "config", "rootfs", "history"})
public record ImageConfig(
    @JsonProperty("created") String created,
    @JsonProperty("author") String author,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    @JsonProperty("variant") String variant,
    @JsonProperty("config") ContainerConfig config,
    @JsonProperty("rootfs") RootFs rootfs,
    @JsonProperty("history") List<History> history,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public ImageConfig {
    created = created == null ? "" : created;
    author = author == null ? "" : author;
    architecture = architecture == null ? "" : architecture;
    os = os == null ? "" : os;
    osVersion = osVersion == null ? "" : osVersion;
    osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    variant = variant == null ? "" : variant;
    config = config == null ? ContainerConfig.empty() : config;
    rootfs = rootfs == null ? RootFs.of(List.of()) : rootfs;
    history = history == null ? List.of() : List.copyOf(history);
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** An empty config for a platform, as {@code FROM scratch} starts with. */
  public static ImageConfig scratch(Platform platform) {
    return new ImageConfig(null, null, platform.architecture(), platform.os(), platform.osVersion(),
        platform.osFeatures(), platform.variant(), null, null, null, null);
  }

  public static ImageConfig parse(byte[] bytes, String what) {
    return JsonReader.read(bytes, what, ImageConfig::read);
  }

  /** The image config at the reader's current token, or null for JSON null. */
  static ImageConfig read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    String created = null;
    String author = null;
    String architecture = null;
    String os = null;
    String osVersion = null;
    List<String> osFeatures = null;
    String variant = null;
    ContainerConfig config = null;
    RootFs rootfs = null;
    List<History> history = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "created" -> created = json.string();
        case "author" -> author = json.string();
        case "architecture" -> architecture = json.string();
        case "os" -> os = json.string();
        case "os.version" -> osVersion = json.string();
        case "os.features" -> osFeatures = json.list(JsonReader::string);
        case "variant" -> variant = json.string();
        case "config" -> config = ContainerConfig.read(json);
        case "rootfs" -> rootfs = RootFs.read(json);
        case "history" -> history = json.list(History::read);
        default -> json.unknown(field, extra);
      }
    }
    return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config, rootfs,
        history, extra);
  }

  /** The platform this config says the image runs on. */
  @JsonIgnore
  public Platform platform() {
    return new Platform(architecture, os, variant, osVersion, osFeatures);
  }

  public ImageConfig withConfig(ContainerConfig c) {
    return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, c, rootfs, history, extra);
  }

  public ImageConfig withRootFs(RootFs r) {
    return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config, r, history, extra);
  }

  public ImageConfig withHistory(List<History> h) {
    return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config, rootfs, h, extra);
  }

  public ImageConfig withCreated(String c) {
    return new ImageConfig(c, author, architecture, os, osVersion, osFeatures, variant, config, rootfs, history, extra);
  }

  public ImageConfig withAuthor(String a) {
    return new ImageConfig(created, a, architecture, os, osVersion, osFeatures, variant, config, rootfs, history, extra);
  }

  public byte[] toJson() {
    return Json.write(this);
  }
}
