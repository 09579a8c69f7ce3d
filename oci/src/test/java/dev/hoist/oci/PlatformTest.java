package dev.hoist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource({
    "linux/amd64, linux/amd64",
    "linux/x86_64, linux/amd64",
    "linux/aarch64, linux/arm64",
    "linux/arm64/8, linux/arm64/v8",
    "linux/armhf, linux/arm/v7",
    "linux/arm/7, linux/arm/v7",
    "arm64, linux/arm64",
    "Linux/AMD64, linux/amd64",
  })
  void normalises(String text, String expected) {
    assertThat(Platform.parse(text).toString()).isEqualTo(expected);
  }

  @Test
  void matchesDefaultVariants() {
    assertThat(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.parse("linux/arm64/v8").matches(Platform.parse("linux/arm64"))).isTrue();
    assertThat(Platform.parse("linux/arm/v7").matches(Platform.parse("linux/arm"))).isTrue();
    assertThat(Platform.parse("linux/arm/v6").matches(Platform.parse("linux/arm/v7"))).isFalse();
    assertThat(Platform.parse("linux/amd64").matches(Platform.parse("linux/arm64"))).isFalse();
    assertThat(Platform.parse("linux/amd64").matches(Platform.parse("windows/amd64"))).isFalse();
  }

  @Test
  void refusesGarbage() {
    assertThatThrownBy(() -> Platform.parse("linux//amd64")).hasMessageContaining("invalid platform");
    assertThatThrownBy(() -> Platform.parse("a/b/c/d")).hasMessageContaining("invalid platform");
  }
}
