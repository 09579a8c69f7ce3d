package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import org.junit.jupiter.api.Test;

class ChmodTest {
  @Test
  void octal() {
    assertThat(new Chmod("755").apply(0644, false)).isEqualTo(0755);
    assertThat(new Chmod("4755").apply(0644, false)).isEqualTo(04755);
  }

  @Test
  void symbolic() {
    assertThat(new Chmod("u+x").apply(0644, false)).isEqualTo(0744);
    assertThat(new Chmod("go-r").apply(0644, false)).isEqualTo(0600);
    assertThat(new Chmod("a=rX").apply(0640, true)).isEqualTo(0555);
    assertThat(new Chmod("a=rX").apply(0640, false)).isEqualTo(0444);
    assertThat(new Chmod("u=rwx,g=rx,o=").apply(0777, false)).isEqualTo(0750);
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> new Chmod("999")).isInstanceOf(HoistException.class).hasMessageContaining("--chmod=999");
    assertThatThrownBy(() -> new Chmod("u*x")).isInstanceOf(HoistException.class);
  }
}
