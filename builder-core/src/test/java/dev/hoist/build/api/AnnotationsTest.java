package dev.hoist.build.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
  @Test
  void prefixesChooseTheManifestsTheIndexOrBoth() {
    Annotations a = Annotations.parse(List.of("plain=1", "manifest:m=2", "index:i=3", "index,manifest:both=4",
        "org.example:colon=5", "empty"));
    assertThat(a.manifest()).isEqualTo(Map.of("plain", "1", "m", "2", "both", "4", "org.example:colon", "5", "empty", ""));
    assertThat(a.index()).isEqualTo(Map.of("i", "3", "both", "4"));
    assertThat(Annotations.parse(List.of()).isEmpty()).isTrue();
  }

  @Test
  void refusesDescriptorAndPlatformLevelsAndEmptyNames() {
    assertThatThrownBy(() -> Annotations.parse(List.of("manifest-descriptor:k=v")))
        .hasMessage("--annotation manifest-descriptor:k=v: manifest-descriptor annotations are not supported"
            + " (use manifest: or index:, without a platform)");
    assertThatThrownBy(() -> Annotations.parse(List.of("manifest[linux/amd64]:k=v")))
        .hasMessageContaining("manifest[linux/amd64] annotations are not supported");
    assertThatThrownBy(() -> Annotations.parse(List.of("index:=v"))).hasMessageContaining("the name is empty");
  }
}
