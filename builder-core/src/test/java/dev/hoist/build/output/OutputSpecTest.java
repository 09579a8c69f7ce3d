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
  void namesMayListSeveralReferencesInAQuotedField() {
    OutputSpec image = OutputSpec.parse("type=image,\"name=r.example/a:1, r.example/b:2\",push=true");
    assertThat(image.names()).containsExactly("r.example/a:1", "r.example/b:2");
    assertThat(image.pushes()).isTrue();
    assertThat(OutputSpec.parse("type=registry,name=r.example/a:1").names()).containsExactly("r.example/a:1");
    assertThat(OutputSpec.parse("type=registry").names()).isEmpty();
    assertThat(OutputSpec.parse("type=image,\"name=say \"\"hi\"\"\"").attrs()).containsEntry("name", "say \"hi\"");
    assertThatThrownBy(() -> OutputSpec.parse("type=image,name=\"a,b\""))
        .hasMessageContaining("quote the whole field");
    assertThatThrownBy(() -> OutputSpec.parse("type=image,\"name=a,b"))
        .hasMessageContaining("no closing quote");
  }

  @Test
  void dashIsStdout() {
    OutputSpec dash = OutputSpec.parse("-");
    assertThat(dash.type()).isEqualTo(OutputSpec.Type.TAR);
    assertThat(dash.toStdout()).isTrue();
    assertThat(OutputSpec.parse("type=oci,dest=-").toStdout()).isTrue();
    assertThat(OutputSpec.parse("type=oci,dest=out.tar").toStdout()).isFalse();
    assertThatThrownBy(() -> OutputSpec.parse("type=local,dest=-")).hasMessageContaining("needs a path");
    assertThatThrownBy(() -> OutputSpec.parse("type=oci,dest=-,tar=false")).hasMessageContaining("needs a path");
  }

  @Test
  void refusesBadSpecs() {
    assertThatThrownBy(() -> OutputSpec.parse("type=nope,dest=x")).hasMessageContaining("unknown type nope");
    assertThatThrownBy(() -> OutputSpec.parse("type=oci")).hasMessageContaining("needs dest=");
  }
}
