package dev.hoist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource({
    "busybox, docker.io, library/busybox, docker.io/library/busybox:latest",
    "busybox:1.36, docker.io, library/busybox, docker.io/library/busybox:1.36",
    "user/app, docker.io, user/app, docker.io/user/app:latest",
    "index.docker.io/user/app:v1, docker.io, user/app, docker.io/user/app:v1",
    "localhost/app, localhost, app, localhost/app:latest",
    "localhost:5000/a/b/c:t, localhost:5000, a/b/c, localhost:5000/a/b/c:t",
    "127.0.0.1:5000/app, 127.0.0.1:5000, app, 127.0.0.1:5000/app:latest",
    "ghcr.io/org/my_app__x-y.z:1.0-rc.1, ghcr.io, org/my_app__x-y.z, ghcr.io/org/my_app__x-y.z:1.0-rc.1",
    "[::1]:5000/app:v, [::1]:5000, app, [::1]:5000/app:v",
  })
  void parsesDockerGrammar(String text, String registry, String repository, String canonical) {
    ImageReference ref = ImageReference.parse(text);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.toString()).isEqualTo(canonical);
  }

  @org.junit.jupiter.api.Test
  void digestReferences() {
    String hex = "a".repeat(64);
    ImageReference ref = ImageReference.parse("reg.io:443/app:v1@sha256:" + hex);
    assertThat(ref.tag()).contains("v1");
    assertThat(ref.digest()).contains(Digest.parse("sha256:" + hex));
    assertThat(ref.manifestReference()).isEqualTo("sha256:" + hex);
    assertThat(ImageReference.parse("busybox@sha256:" + hex).toString())
        .isEqualTo("docker.io/library/busybox@sha256:" + hex);
    assertThat(ImageReference.parse("busybox@sha256:" + hex).familiar()).isEqualTo("busybox@sha256:" + hex);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "app/UPPER", "app:", "app:bad tag", "-app", "app@sha256:123", "a//b", "app:" + "t"
      + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "reg.io/Repo", "app..x"})
  void refusesInvalidNames(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(HoistException.class)
        .hasMessageStartingWith("invalid image reference");
  }
}
