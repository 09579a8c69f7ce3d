package dev.hoist.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulationSupportTest {
  @TempDir Path binfmt;
  private final Platform amd64 = Platform.parse("linux/amd64");

  @Test
  void hostArchitectureIsNative() {
    assertThat(new EmulationSupport(binfmt, amd64).check(Platform.parse("linux/amd64")))
        .isEqualTo(new EmulationSupport.Support.Native());
  }

  @Test
  void withoutBinfmtMiscAForeignPlatformFailsInOneLine() {
    assertThatThrownBy(() -> new EmulationSupport(binfmt.resolve("absent"), amd64).require(Platform.parse("linux/arm64")))
        .isInstanceOf(HoistException.class)
        .hasMessageStartingWith("cannot run linux/arm64 steps: binfmt_misc is not mounted")
        .hasMessageNotContaining("\n");
  }

  @Test
  void enabledQemuEntryWithFixBinaryFlagEmulates() throws Exception {
    Files.writeString(binfmt.resolve("status"), "enabled\n");
    assertThat(new EmulationSupport(binfmt, amd64).check(Platform.parse("linux/arm64")))
        .isInstanceOf(EmulationSupport.Support.Unavailable.class);
    Files.writeString(binfmt.resolve("qemu-aarch64"),
        "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: POCF\noffset 0\nmagic 7f454c46\n");
    assertThat(new EmulationSupport(binfmt, amd64).check(Platform.parse("linux/arm64")))
        .isEqualTo(new EmulationSupport.Support.Emulated("qemu-aarch64", "/usr/libexec/qemu-binfmt/aarch64-binfmt-P"));
  }

  @Test
  void entryWithoutFixBinaryFlagCannotServeContainers() throws Exception {
    Files.writeString(binfmt.resolve("status"), "enabled\n");
    Files.writeString(binfmt.resolve("qemu-aarch64"), "enabled\ninterpreter /usr/bin/qemu-aarch64\nflags: \n");
    assertThat(new EmulationSupport(binfmt, amd64).check(Platform.parse("linux/arm64")))
        .isEqualTo(new EmulationSupport.Support.Unavailable("cannot run linux/arm64 steps: binfmt_misc entry qemu-aarch64"
            + " lacks the F flag, so /usr/bin/qemu-aarch64 is not visible inside containers"));
  }
}
