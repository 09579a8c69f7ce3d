package dev.hoist.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeLocatorTest {
  @TempDir Path dir;

  private String path(String... programs) throws Exception {
    for (String p : programs) {
      Path f = Files.writeString(dir.resolve(p), "#!/bin/sh\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir.toString();
  }

  @Test
  void prefersCrunThenRuncThenBwrap() throws Exception {
    List<String> warnings = new ArrayList<>();
    assertThat(new RuntimeLocator(path("crun", "runc", "bwrap"), false, warnings::add).locate(Optional.empty()))
        .isEqualTo(new Crun(dir.resolve("crun")));
    assertThat(warnings).isEmpty();
  }

  @Test
  void passesOverCrunOnHybridCgroupsWithOneWarning() throws Exception {
    List<String> warnings = new ArrayList<>();
    assertThat(new RuntimeLocator(path("crun", "runc"), true, warnings::add).locate(Optional.empty()))
        .isEqualTo(new Runc(dir.resolve("runc")));
    assertThat(warnings).containsExactly(
        "warning: crun refuses this host's hybrid cgroups (controllers in /sys/fs/cgroup/unified); using runc");
  }

  @Test
  void bwrapIsTheLastResort() throws Exception {
    assertThat(new RuntimeLocator(path("bwrap"), false, w -> { }).locate(Optional.empty()))
        .isEqualTo(new Bubblewrap(dir.resolve("bwrap")));
  }

  @Test
  void noneFoundNamesThePackages() throws Exception {
    assertThatThrownBy(() -> new RuntimeLocator(path(), false, w -> { }).locate(Optional.empty()))
        .isInstanceOf(HoistException.class)
        .hasMessage("no OCI runtime found on PATH (looked for crun, runc, bwrap); install one, e.g. apt-get install crun runc bubblewrap");
  }

  @Test
  void explicitChoiceIsHonouredOrExplained() throws Exception {
    String p = path("runc");
    assertThat(new RuntimeLocator(p, false, w -> { }).locate(Optional.of("runc"))).isEqualTo(new Runc(dir.resolve("runc")));
    assertThatThrownBy(() -> new RuntimeLocator(p, false, w -> { }).locate(Optional.of("bwrap")))
        .hasMessage("runtime bwrap not found on PATH; install the Debian package bubblewrap");
    assertThatThrownBy(() -> new RuntimeLocator(p, false, w -> { }).locate(Optional.of("docker")))
        .hasMessage("unknown runtime docker (want one of crun, runc, bwrap)");
  }

  @Test
  void hybridCgroupsAreThoseWithV2Controllers() throws Exception {
    Files.createDirectories(dir.resolve("unified"));
    Files.writeString(dir.resolve("unified/cgroup.controllers"), "\n");
    assertThat(CgroupMode.hybridWithV2Controllers(dir)).isFalse();
    Files.writeString(dir.resolve("unified/cgroup.controllers"), "hugetlb\n");
    assertThat(CgroupMode.hybridWithV2Controllers(dir)).isTrue();
  }
}
