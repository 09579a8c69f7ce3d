package dev.hoist.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  void prefersCrunThenRuncThenBwrapAndKnowsTheFallbacks() throws Exception {
    RuntimeLocator locator = new RuntimeLocator(path("crun", "runc", "bwrap"), false);
    ContainerRuntime crun = locator.locate(Optional.empty());
    assertThat(crun).isEqualTo(new Crun(dir.resolve("crun"), false));
    assertThat(crun.namespaceSetup()).isEmpty();
    assertThat(locator.fallbacks(crun)).containsExactly(new Runc(dir.resolve("runc")), new Bubblewrap(dir.resolve("bwrap")));
  }

  @Test
  void onHybridCgroupsCrunSeesNoV2Controllers() throws Exception {
    ContainerRuntime crun = new RuntimeLocator(path("crun", "runc"), true).locate(Optional.empty());
    assertThat(crun.namespaceSetup())
        .containsExactly(List.of("mount", "--bind", "/dev/null", "/sys/fs/cgroup/unified/cgroup.controllers"));
    assertThat(crun.command(null, Path.of("/b"), Path.of("/s"), "id"))
        .containsExactly(dir.resolve("crun").toString(), "--root", "/s", "--cgroup-manager=disabled", "run", "--bundle", "/b", "id");
  }

  @Test
  void bwrapIsTheLastResort() throws Exception {
    assertThat(new RuntimeLocator(path("bwrap"), false).locate(Optional.empty()))
        .isEqualTo(new Bubblewrap(dir.resolve("bwrap")));
  }

  @Test
  void noneFoundNamesThePackages() throws Exception {
    assertThatThrownBy(() -> new RuntimeLocator(path(), false).locate(Optional.empty()))
        .isInstanceOf(HoistException.class)
        .hasMessage("no OCI runtime found on PATH (looked for crun, runc, bwrap); install one, e.g. apt-get install crun runc bubblewrap");
  }

  @Test
  void explicitChoiceIsHonouredOrExplained() throws Exception {
    String p = path("runc");
    assertThat(new RuntimeLocator(p, false).locate(Optional.of("runc"))).isEqualTo(new Runc(dir.resolve("runc")));
    assertThatThrownBy(() -> new RuntimeLocator(p, false).locate(Optional.of("bwrap")))
        .hasMessage("runtime bwrap not found on PATH; install the Debian package bubblewrap");
    assertThatThrownBy(() -> new RuntimeLocator(p, false).locate(Optional.of("docker")))
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
