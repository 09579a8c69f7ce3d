package dev.hoist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Json#readObject} and {@link Json#text} read small documents as the mapper's tree does. */
class JsonReadObjectTest {
  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsValuesAsTheMapperReadsThemIntoAnObject() throws Exception {
    String json = "{\"s\":\"x\",\"i\":1,\"l\":5000000000,\"b\":123456789012345678901,\"d\":1.5e3,\"t\":true,"
        + "\"n\":null,\"a\":[1,\"2\",{}],\"o\":{\"k\":[]},\"dup\":1,\"dup\":2} trailing";
    Map<String, Object> fields = Json.readObject(bytes(json), "doc");
    Map<String, Object> expected = new HashMap<>(Map.of("s", "x", "i", 1, "l", 5000000000L,
        "b", new BigInteger("123456789012345678901"), "d", 1500.0, "t", true, "a", Arrays.asList(1, "2", Map.of()),
        "o", Map.of("k", List.of()), "dup", 2));
    expected.put("n", null);
    assertThat(fields).isEqualTo(expected)
        .isEqualTo(Json.mapper().readValue(bytes(json.replace(" trailing", "")), Map.class));
  }

  @Test
  void documentsHoldingNoObjectHaveNoFields() {
    for (String json : new String[] {"", "  ", "null", "[{\"a\":1}]", "\"a\"", "7"}) {
      assertThat(Json.readObject(bytes(json), "doc")).as(json).isEmpty();
    }
  }

  @Test
  void malformedJsonIsOneLine() {
    for (String json : new String[] {"{\"a\":", "[1,", "{a:1}", "{\"a\":1,}"}) {
      assertThatThrownBy(() -> Json.readObject(bytes(json), "doc")).as(json).isInstanceOf(HoistException.class)
          .hasMessageStartingWith("invalid JSON in doc: ").hasMessageNotContaining("\n");
    }
  }

  @Test
  void textIsTheTreesText() throws Exception {
    String json = "{\"s\":\"x\",\"i\":-3,\"b\":123456789012345678901,\"d\":1.5e3,\"t\":false,\"n\":null,\"a\":[1],\"o\":{}}";
    Map<String, Object> fields = Json.readObject(bytes(json), "doc");
    JsonNode tree = Json.mapper().readTree(json);
    for (String field : List.of("s", "i", "b", "d", "t", "n", "a", "o", "missing")) {
      assertThat(Json.text(fields.get(field), "absent")).as(field).isEqualTo(tree.path(field).asText("absent"));
    }
  }
}
