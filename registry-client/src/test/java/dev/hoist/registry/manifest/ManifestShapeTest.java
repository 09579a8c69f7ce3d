package dev.hoist.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Json;
import dev.hoist.oci.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ManifestShape reads a body's kind as the tree the mapper reads did, without the mapper. */
class ManifestShapeTest {
  private static final List<String> BODIES = List.of(
      "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{},\"layers\":[]}",
      "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST_LIST + "\",\"manifests\":[]}",
      "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"x\"}]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\"},\"layers\":[]}",
      "{\"config\":{},\"schemaVersion\":\"2\"}",
      "{\"config\":null,\"schemaVersion\":2.0}",
      "{\"config\":{},\"schemaVersion\":3}",
      "{\"manifests\":null}",
      "{\"schemaVersion\":1,\"name\":\"app\",\"fsLayers\":[{\"blobSum\":\"x\"}]}",
      "{\"schemaVersion\":true}",
      "{\"schemaVersion\":null,\"config\":{}}",
      "{\"mediaType\":null,\"manifests\":[]}",
      "{\"mediaType\":\"a\",\"mediaType\":\"b\"}",
      "{\"mediaType\":\"a\",\"mediaType\":null,\"config\":{},\"schemaVersion\":2}",
      "{\"mediaType\":5}",
      "{\"mediaType\":true}",
      "{\"mediaType\":{\"a\":1}}",
      "{\"mediaType\":[]}",
      "{\"nested\":{\"mediaType\":\"x\",\"schemaVersion\":1,\"manifests\":[]}}",
      "{}", "[]", "null", "\"s\"", "", "{", "{\"mediaType\":\"x\"", "not json", "{\"a\":1} trailing");

  @Test
  void readsWhatTheTreeRead() {
    for (String body : BODIES) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ManifestShape shape = ManifestShape.of(bytes);
      assertThat(shape.impliedMediaType()).as(body).isEqualTo(treeMediaType(bytes));
      assertThat(shape.schemaVersion()).as(body).isEqualTo(treeSchemaVersion(bytes));
    }
  }

  @Test
  void namesOrImpliesTheMediaType() {
    assertThat(shape("{\"mediaType\":\"" + MediaType.OCI_INDEX + "\"}").impliedMediaType()).contains(MediaType.OCI_INDEX);
    assertThat(shape("{\"manifests\":[]}").impliedMediaType()).contains(MediaType.OCI_INDEX);
    assertThat(shape("{\"config\":{},\"schemaVersion\":2}").impliedMediaType()).contains(MediaType.OCI_MANIFEST);
    assertThat(shape("{\"config\":{},\"schemaVersion\":1}").impliedMediaType()).isEmpty();
    assertThat(shape("{\"schemaVersion\":1}").schemaVersion()).isEqualTo(1);
    assertThat(shape("garbage")).isEqualTo(new ManifestShape(Optional.empty(), 0, false, false));
  }

  private static ManifestShape shape(String body) {
    return ManifestShape.of(body.getBytes(StandardCharsets.UTF_8));
  }

  /** How Manifests sniffed a body before, with the mapper's tree. */
  private static Optional<String> treeMediaType(byte[] bytes) {
    try {
      JsonNode n = Json.mapper().readTree(bytes);
      if (n.hasNonNull("mediaType")) {
        return Optional.of(n.get("mediaType").asText());
      }
      if (n.has("manifests")) {
        return Optional.of(MediaType.OCI_INDEX);
      }
      if (n.has("config") && n.path("schemaVersion").asInt() == 2) {
        return Optional.of(MediaType.OCI_MANIFEST);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int treeSchemaVersion(byte[] bytes) {
    try {
      return Json.mapper().readTree(bytes).path("schemaVersion").asInt(0);
    } catch (IOException e) {
      return 0;
    }
  }
}
