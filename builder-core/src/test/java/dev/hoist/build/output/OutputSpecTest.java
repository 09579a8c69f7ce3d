package dev.hoist.build.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputSpecTest {
  @Test
  void parsesBuildxSpellings() {
    OutputSpec oci = OutputSpec.parse("type=oci,dest=out,tar=false");
    assertThat(oci.type()).isEqualTo(OutputSpec.Type.OCI);
    assertThat(oci.dest()).contains("out");
    assertThat(oci.tar()).isFalse();
    assertThat(OutputSpec.parse("type=registry,oci-mediatypes=false").ociMediaTypes()).isFalse();
    assertThat(OutputSpec.parse("type=image,push=true").pushes()).isTrue();
    assertThat(OutputSpec.parse("somedir").type()).isEqualTo(OutputSpec.Type.LOCAL);
  }

  @Test
  void refusesBadSpecs() {
    assertThatThrownBy(() -> OutputSpec.parse("type=nope,dest=x")).hasMessageContaining("unknown type nope");
    assertThatThrownBy(() -> OutputSpec.parse("type=oci")).hasMessageContaining("needs dest=");
  }
}
