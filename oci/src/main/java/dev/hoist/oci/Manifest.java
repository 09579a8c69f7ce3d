package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image manifest: OCI {@code image.manifest.v1} or Docker schema 2 (the same shape). Fields
 * hoist does not know are kept, but a manifest hoist did not write is always pushed as the exact
 * bytes it was read from, never re-serialised.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"})
public record Manifest(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("artifactType") String artifactType,
    @JsonProperty("config") Descriptor config,
    @JsonProperty("layers") List<Descriptor> layers,
    @JsonProperty("subject") Descriptor subject,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public Manifest {
    mediaType = mediaType == null ? "" : mediaType;
    artifactType = artifactType == null ? "" : artifactType;
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** An OCI image manifest for a config and its layers. */
  public static Manifest oci(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
    return new Manifest(2, MediaType.OCI_MANIFEST, null, config, layers, null, annotations, null);
  }

  /** A Docker schema 2 manifest for a config and its layers. */
  public static Manifest docker(Descriptor config, List<Descriptor> layers) {
    return new Manifest(2, MediaType.DOCKER_MANIFEST, null, config, layers, null, null, null);
  }

  public static Manifest parse(byte[] bytes, String what) {
    Manifest m = JsonReader.read(bytes, what, Manifest::read);
    if (m.schemaVersion != 2) {
      throw new HoistException(what + " is schema version " + m.schemaVersion
          + ": Docker image manifest schema 1 is deprecated and not supported; re-push the image with a current client");
    }
    if (m.config == null) {
      throw new HoistException(what + " has no config descriptor");
    }
    return m;
  }

  /** The manifest at the reader's current token, or null for JSON null. */
  static Manifest read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    int schemaVersion = 0;
    String mediaType = null;
    String artifactType = null;
    Descriptor config = null;
    List<Descriptor> layers = null;
    Descriptor subject = null;
    Map<String, String> annotations = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "schemaVersion" -> schemaVersion = json.intValue();
        case "mediaType" -> mediaType = json.string();
        case "artifactType" -> artifactType = json.string();
        case "config" -> config = Descriptor.read(json);
        case "layers" -> layers = json.list(Descriptor::read);
        case "subject" -> subject = Descriptor.read(json);
        case "annotations" -> annotations = json.annotations();
        default -> json.unknown(field, extra);
      }
    }
    return new Manifest(schemaVersion, mediaType, artifactType, config, layers, subject, annotations, extra);
  }

  @Override
  public Map<String, String> annotations() {
    return new TreeMap<>(annotations);
  }

  public byte[] toJson() {
    return Json.write(this);
  }
}
