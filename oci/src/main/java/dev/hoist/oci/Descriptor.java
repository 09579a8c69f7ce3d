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

/** An OCI content descriptor: what a blob or manifest is, its digest and size, and where it runs. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"mediaType", "digest", "size", "urls", "annotations", "platform", "artifactType"})
public record Descriptor(
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("digest") Digest digest,
    @JsonProperty("size") long size,
    @JsonProperty("urls") List<String> urls,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonProperty("platform") Platform platform,
    @JsonProperty("artifactType") String artifactType,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public Descriptor {
    urls = urls == null ? List.of() : List.copyOf(urls);
    annotations = annotations == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(annotations));
    artifactType = artifactType == null ? "" : artifactType;
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, null, null, null, null);
  }

  /** The descriptor at the reader's current token, or null for JSON null. */
  static Descriptor read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    String mediaType = null;
    Digest digest = null;
    long size = 0;
    List<String> urls = null;
    Map<String, String> annotations = null;
    Platform platform = null;
    String artifactType = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "mediaType" -> mediaType = json.string();
        case "digest" -> digest = json.digest();
        case "size" -> size = json.longValue();
        case "urls" -> urls = json.list(JsonReader::string);
        case "annotations" -> annotations = json.annotations();
        case "platform" -> platform = Platform.read(json);
        case "artifactType" -> artifactType = json.string();
        default -> json.unknown(field, extra);
      }
    }
    return new Descriptor(mediaType, digest, size, urls, annotations, platform, artifactType, extra);
  }

  public Optional<Platform> platformIfAny() {
    return Optional.ofNullable(platform);
  }

  public Descriptor withPlatform(Platform p) {
    return new Descriptor(mediaType, digest, size, urls, annotations, p, artifactType, extra);
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, digest, size, urls, a, platform, artifactType, extra);
  }

  public Descriptor withMediaType(String m) {
    return new Descriptor(m, digest, size, urls, annotations, platform, artifactType, extra);
  }

  @Override
  public Map<String, String> annotations() {
    return new java.util.TreeMap<>(annotations);
  }
}
