package dev.hoist.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciConfigTest {
  private static ContainerSpec spec(boolean isolated, boolean rootless) {
    List<SpecMount> mounts = new ArrayList<>(DefaultMounts.of(rootless, isolated));
    mounts.add(SpecMount.bind("/host/ctx", "/src", true));
    return new ContainerSpec(Path.of("/snap/merged"), List.of("/bin/sh", "-c", "make"), List.of("PATH=/bin", "HOME=/home/app"),
        "/work", 1000, 1000, List.of(2000L), "box", mounts, isolated, Capabilities.DOCKER_DEFAULT, true, false,
        java.util.Optional.empty());
  }

  private static JsonNode json(ContainerSpec spec) throws Exception {
    return Json.mapper().readTree(Json.write(OciConfig.toMap(spec)));
  }

  @Test
  void processCarriesUserEnvCwdCapabilitiesAndNoNewPrivileges() throws Exception {
    JsonNode c = json(spec(false, false));
    assertThat(c.at("/ociVersion").asText()).isEqualTo("1.0.2");
    assertThat(c.at("/process/user/uid").asLong()).isEqualTo(1000);
    assertThat(c.at("/process/user/additionalGids/0").asLong()).isEqualTo(2000);
    assertThat(c.at("/process/args/2").asText()).isEqualTo("make");
    assertThat(c.at("/process/env/1").asText()).isEqualTo("HOME=/home/app");
    assertThat(c.at("/process/cwd").asText()).isEqualTo("/work");
    assertThat(c.at("/process/noNewPrivileges").asBoolean()).isTrue();
    assertThat(c.at("/process/terminal").asBoolean()).isFalse();
    assertThat(c.at("/process/capabilities/bounding").size()).isEqualTo(14);
    assertThat(c.at("/hostname").asText()).isEqualTo("box");
    assertThat(c.at("/root/path").asText()).isEqualTo("/snap/merged");
    assertThat(c.at("/linux/resources").isMissingNode()).isTrue();
    assertThat(c.at("/linux/maskedPaths").toString()).contains("/proc/kcore");
  }

  @Test
  void hostNetworkHasNoNetworkNamespaceAndNoneHasOne() throws Exception {
    assertThat(json(spec(false, false)).at("/linux/namespaces").toString()).doesNotContain("network");
    assertThat(json(spec(true, false)).at("/linux/namespaces").toString()).contains("network");
  }

  @Test
  void sysIsReadOnlyOwnWithOwnNetworkAndBoundWithTheHosts() throws Exception {
    JsonNode isolatedRoot = json(spec(true, false)).at("/mounts");
    JsonNode rootless = json(spec(true, true)).at("/mounts");
    JsonNode hostNetwork = json(spec(false, true)).at("/mounts");
    assertThat(find(isolatedRoot, "/sys").at("/type").asText()).isEqualTo("sysfs");
    assertThat(find(rootless, "/sys").at("/type").asText()).isEqualTo("sysfs");
    assertThat(find(isolatedRoot, "/sys").at("/options").toString()).contains("\"ro\"");
    assertThat(find(hostNetwork, "/sys").at("/options").toString()).contains("rbind").contains("\"ro\"");
    assertThat(find(rootless, "/dev/pts").at("/options").toString()).doesNotContain("gid=5");
    assertThat(find(isolatedRoot, "/src").at("/options").toString()).contains("\"ro\"");
  }

  private static JsonNode find(JsonNode mounts, String dest) {
    for (JsonNode m : mounts) {
      if (m.at("/destination").asText().equals(dest)) {
        return m;
      }
    }
    throw new AssertionError("no mount at " + dest);
  }

  @Test
  void aTerminalSpecAsksForOneOfTheGivenSize() throws Exception {
    ContainerSpec plain = spec(false, false);
    ContainerSpec tty = new ContainerSpec(plain.rootfs(), plain.args(), plain.env(), plain.cwd(), plain.uid(), plain.gid(),
        plain.additionalGids(), plain.hostname(), plain.mounts(), false, plain.capabilities(), true, true,
        java.util.Optional.of(new ConsoleSize(40, 100)));
    JsonNode c = json(tty);
    assertThat(c.at("/process/terminal").asBoolean()).isTrue();
    assertThat(c.at("/process/consoleSize/height").asInt()).isEqualTo(40);
    assertThat(c.at("/process/consoleSize/width").asInt()).isEqualTo(100);
    assertThat(json(plain).at("/process/consoleSize").isMissingNode()).isTrue();
    ContainerSpec sizedWithoutTerminal = new ContainerSpec(plain.rootfs(), plain.args(), plain.env(), plain.cwd(),
        plain.uid(), plain.gid(), plain.additionalGids(), plain.hostname(), plain.mounts(), false, plain.capabilities(),
        true, false, java.util.Optional.of(new ConsoleSize(40, 100)));
    assertThat(json(sizedWithoutTerminal).at("/process/consoleSize").isMissingNode()).isTrue();
  }
}
