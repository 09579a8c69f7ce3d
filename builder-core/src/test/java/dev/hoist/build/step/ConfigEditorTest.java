package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigEditorTest {
  private static ImageState scratch() {
    return new ImageState(ImageConfig.scratch(Platform.parse("linux/amd64")), List.of(), false, null);
  }

  private static ImageState apply(ImageState s, String lines) {
    Dockerfile df = DockerfileParser.parse("Dockerfile", "FROM scratch\n" + lines + "\n");
    InstructionExpander x = new InstructionExpander("Dockerfile", '\\');
    for (Instruction i : df.stages().get(0).instructions()) {
      s = ConfigEditor.apply(x.expand(i, EnvLookup.empty()).instruction(), s);
    }
    return s;
  }

  private static ContainerConfig config(String lines) {
    return apply(scratch(), lines).config().config();
  }

  @Test
  void envReplacesInPlaceAndAppends() {
    assertThat(config("ENV A=1 B=2\nENV A=3 C=4").env()).containsExactly("A=3", "B=2", "C=4");
  }

  @Test
  void exposeNormalisesProtocolsAndRanges() {
    assertThat(config("EXPOSE 80 53/udp 8000-8001").exposedPorts())
        .containsOnlyKeys("80/tcp", "53/udp", "8000/tcp", "8001/tcp");
    assertThatThrownBy(() -> config("EXPOSE 99999")).isInstanceOf(HoistException.class).hasMessageContaining("99999");
  }

  @Test
  void shellFormRunsBehindShell() {
    assertThat(config("CMD echo hi").cmd()).contains(List.of("/bin/sh", "-c", "echo hi"));
    assertThat(config("SHELL [\"/bin/bash\", \"-xc\"]\nCMD echo hi").cmd()).contains(List.of("/bin/bash", "-xc", "echo hi"));
  }

  @Test
  void entrypointResetsInheritedCmdButNotOwn() {
    ImageState base = apply(scratch(), "CMD [\"base\"]").withCmdSet(false);
    assertThat(apply(base, "ENTRYPOINT [\"/app\"]").config().config().cmd()).isEmpty();
    ContainerConfig own = config("CMD [\"x\"]\nENTRYPOINT [\"/app\"]");
    assertThat(own.cmd()).contains(List.of("x"));
    assertThat(own.entrypoint()).contains(List.of("/app"));
  }

  @Test
  void workdirResolvesRelativeToCurrent() {
    assertThat(config("WORKDIR /a\nWORKDIR b/../c").workingDir()).isEqualTo("/a/c");
    assertThat(config("WORKDIR rel").workingDir()).isEqualTo("/rel");
  }

  @Test
  void otherFields() {
    ContainerConfig c = config("""
        LABEL a=b "c d"=e
        USER app:app
        VOLUME ["/data", "/logs"]
        STOPSIGNAL SIGKILL
        HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/
        ONBUILD COPY . /src""");
    assertThat(c.labels()).isEqualTo(Map.of("a", "b", "c d", "e"));
    assertThat(c.user()).isEqualTo("app:app");
    assertThat(c.volumes()).containsOnlyKeys("/data", "/logs");
    assertThat(c.stopSignal()).isEqualTo("SIGKILL");
    assertThat(c.healthcheck().test()).containsExactly("CMD-SHELL", "curl -f http://localhost/");
    assertThat(c.healthcheck().interval()).isEqualTo(30_000_000_000L);
    assertThat(c.healthcheck().retries()).isEqualTo(3);
    assertThat(c.onBuild()).containsExactly("COPY . /src");
    assertThatThrownBy(() -> config("STOPSIGNAL SIGNOPE")).hasMessageContaining("SIGNOPE");
  }

  @Test
  void healthcheckNoneAndMaintainer() {
    ImageState s = apply(scratch(), "HEALTHCHECK NONE\nMAINTAINER Jane <j@x>");
    assertThat(s.config().config().healthcheck().test()).containsExactly("NONE");
    assertThat(s.config().author()).isEqualTo("Jane <j@x>");
  }

  @Test
  void createdByMatchesBuildkitStyle() {
    Dockerfile df = DockerfileParser.parse("Dockerfile", """
        FROM scratch
        ENV A=1
        EXPOSE 443 80
        CMD ["nginx", "-g", "daemon off;"]
        COPY file.txt /app/
        VOLUME /data
        """);
    ImageState s = scratch();
    StringBuilder out = new StringBuilder();
    for (Instruction i : df.stages().get(0).instructions()) {
      if (ConfigEditor.isMetadata(i)) {
        s = ConfigEditor.apply(i, s);
      }
      out.append(CreatedBy.of(i, s.config().config(), Map.of())).append('\n');
    }
    assertThat(out.toString()).isEqualTo("""
        ENV A=1
        EXPOSE map[443/tcp:{} 80/tcp:{}]
        CMD ["nginx" "-g" "daemon off;"]
        COPY file.txt /app/ # buildkit
        VOLUME [/data]
        """);
    assertThat(CreatedBy.run(List.of("/bin/sh", "-c", "echo hi"), Map.of())).isEqualTo("RUN /bin/sh -c echo hi # buildkit");
    assertThat(Optional.of(CreatedBy.goDuration(90_500_000_000L))).contains("1m30.5s");
  }
}
