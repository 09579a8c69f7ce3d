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
import java.util.Optional;
import java.util.TreeMap;

/** An OCI image index or a Docker manifest list: manifests, each for a platform. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"})
public record ImageIndex(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("artifactType") String artifactType,
    @JsonProperty("manifests") List<Descriptor> manifests,
    @JsonProperty("subject") Descriptor subject,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public ImageIndex {
    mediaType = mediaType == null ? "" : mediaType;
    artifactType = artifactType == null ? "" : artifactType;
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  public static ImageIndex oci(List<Descriptor> manifests, Map<String, String> annotations) {
    return new ImageIndex(2, MediaType.OCI_INDEX, null, manifests, null, annotations, null);
  }

  public static ImageIndex dockerList(List<Descriptor> manifests) {
    return new ImageIndex(2, MediaType.DOCKER_MANIFEST_LIST, null, manifests, null, null, null);
  }

  public static ImageIndex parse(byte[] bytes, String what) {
    return JsonReader.read(bytes, what, ImageIndex::read);
  }

  /** The image index at the reader's current token, or null for JSON null. */
  static ImageIndex read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    int schemaVersion = 0;
    String mediaType = null;
    String artifactType = null;
    List<Descriptor> manifests = null;
    Descriptor subject = null;
    Map<String, String> annotations = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "schemaVersion" -> schemaVersion = json.intValue();
        case "mediaType" -> mediaType = json.string();
        case "artifactType" -> artifactType = json.string();
        case "manifests" -> manifests = json.list(Descriptor::read);
        case "subject" -> subject = Descriptor.read(json);
        case "annotations" -> annotations = json.annotations();
        default -> json.unknown(field, extra);
      }
    }
    return new ImageIndex(schemaVersion, mediaType, artifactType, manifests, subject, annotations, extra);
  }

  /** The first manifest for {@code platform}, skipping attestation manifests (platform unknown/unknown). */
  public Optional<Descriptor> find(Platform platform) {
    return manifests.stream()
        .filter(d -> d.platform() != null && platform.matches(d.platform()))
        .findFirst();
  }

  /** The platforms this index offers, for error messages. */
  public List<String> platforms() {
    return manifests.stream()
        .filter(d -> d.platform() != null && !d.platform().os().equals("unknown"))
        .map(d -> d.platform().toString())
        .toList();
  }

  @Override
  public Map<String, String> annotations() {
    return new TreeMap<>(annotations);
  }

  public byte[] toJson() {
    return Json.write(this);
  }
}
