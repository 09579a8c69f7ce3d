package dev.hoist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {
  private static final String D = "sha256:" + "b".repeat(64);

  @Test
  void manifestKeepsUnknownFields() {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + D + "\",\"size\":7,\"x-extra\":1},"
        + "\"layers\":[],\"futureField\":{\"a\":[1,2]}}";
    Manifest m = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), "test");
    assertThat(m.extra()).containsKey("futureField");
    String out = new String(m.toJson(), StandardCharsets.UTF_8);
    assertThat(out).contains("\"futureField\":{\"a\":[1,2]}").contains("\"x-extra\":1");
    assertThat(Manifest.parse(m.toJson(), "again")).isEqualTo(m);
  }

  @Test
  void schema1IsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Manifest.parse("{\"schemaVersion\":1,\"name\":\"x\"}".getBytes(), "docker.io/x:1"))
        .isInstanceOf(HoistException.class)
        .hasMessageContaining("schema 1");
  }

  @Test
  void configTellsUnsetCmdFromEmptyCmd() {
    ContainerConfig unset = ContainerConfig.empty();
    ContainerConfig empty = new ContainerConfig(null, null, List.of("A=1"), null, Optional.of(List.of()),
        null, null, null, null, false, null, null, null, null);
    ImageConfig base = ImageConfig.scratch(Platform.parse("linux/amd64"));
    String a = new String(base.withConfig(unset).toJson(), StandardCharsets.UTF_8);
    String b = new String(base.withConfig(empty).toJson(), StandardCharsets.UTF_8);
    assertThat(a).doesNotContain("Cmd");
    assertThat(b).contains("\"Cmd\":[]");
    ImageConfig back = ImageConfig.parse(b.getBytes(StandardCharsets.UTF_8), "cfg");
    assertThat(back.config().cmd()).contains(List.of());
    assertThat(back.config().entrypoint()).isEmpty();
    assertThat(back.platform().toString()).isEqualTo("linux/amd64");
  }

  @Test
  void sameValueSameBytes() {
    Descriptor d = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.parse(D), 10)
        .withAnnotations(java.util.Map.of("z", "1", "a", "2"));
    assertThat(new String(Json.write(d), StandardCharsets.UTF_8))
        .isEqualTo("{\"mediaType\":\"" + MediaType.OCI_LAYER_GZIP + "\",\"digest\":\"" + D
            + "\",\"size\":10,\"annotations\":{\"a\":\"2\",\"z\":\"1\"}}");
  }

  @Test
  void digestValidation() {
    assertThat(Digest.sha256("").toString())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThatThrownBy(() -> Digest.parse("sha256:ABC")).isInstanceOf(HoistException.class);
    assertThatThrownBy(() -> Digest.parse("md5:" + "a".repeat(32))).hasMessageContaining("unsupported");
    assertThatThrownBy(() -> Digest.parse("nocolon")).hasMessageContaining("invalid digest");
  }
}
