package dev.hoist.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.HoistException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointAndChangeTest {
  @Test
  void parsesTransportsAsSkopeoSplitsThem() {
    assertThat(Endpoint.parse("oci:/tmp/layout:app:v1"))
        .isEqualTo(new Endpoint.OciLayout(Path.of("/tmp/layout"), Optional.of("app:v1")));
    assertThat(Endpoint.parse("oci:/tmp/layout")).isEqualTo(new Endpoint.OciLayout(Path.of("/tmp/layout"), Optional.empty()));
    assertThat(Endpoint.parse("oci-archive:a.tar:x")).isEqualTo(new Endpoint.OciArchive(Path.of("a.tar"), Optional.of("x")));
    assertThat(Endpoint.parse("docker-archive:d.tar")).isEqualTo(new Endpoint.DockerArchive(Path.of("d.tar"), Optional.empty()));
    assertThat(Endpoint.parse("store:busybox:1")).isEqualTo(new Endpoint.Store("busybox:1"));
    assertThat(((Endpoint.Registry) Endpoint.parse("docker://localhost:5000/a/b:c")).reference().repository()).isEqualTo("a/b");
    assertThat(Endpoint.parse("localhost:5000/a/b:c")).isInstanceOf(Endpoint.Registry.class);
    assertThatThrownBy(() -> Endpoint.parse("store:")).isInstanceOf(HoistException.class).hasMessageContaining("needs an image name");
    assertThatThrownBy(() -> Endpoint.parse("oci-archive:")).isInstanceOf(HoistException.class);
  }

  @Test
  void appliesConfigChanges() {
    ContainerConfig c = ContainerConfig.empty();
    c = ConfigChange.apply(c, "CMD [\"sh\", \"-c\", \"echo hi\"]");
    c = ConfigChange.apply(c, "ENTRYPOINT /init");
    c = ConfigChange.apply(c, "ENV A=1 B=\"two\"");
    c = ConfigChange.apply(c, "ENV A 3");
    c = ConfigChange.apply(c, "WORKDIR /app");
    c = ConfigChange.apply(c, "USER app");
    c = ConfigChange.apply(c, "LABEL org.example=yes");
    c = ConfigChange.apply(c, "EXPOSE 8080 53/udp");
    assertThat(c.cmd()).contains(List.of("sh", "-c", "echo hi"));
    assertThat(c.entrypoint()).contains(List.of("/bin/sh", "-c", "/init"));
    assertThat(c.env()).containsExactly("B=two", "A=3");
    assertThat(c.workingDir()).isEqualTo("/app");
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.labels()).containsEntry("org.example", "yes");
    assertThat(c.exposedPorts()).containsOnlyKeys("8080/tcp", "53/udp");
    assertThatThrownBy(() -> ConfigChange.apply(ContainerConfig.empty(), "RUN rm -rf /"))
        .isInstanceOf(HoistException.class).hasMessageContaining("RUN is not supported");
    assertThatThrownBy(() -> ConfigChange.apply(ContainerConfig.empty(), "CMD [broken"))
        .isInstanceOf(HoistException.class).hasMessageContaining("invalid JSON array");
  }
}
