package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Platform;
import dev.hoist.transfer.RootfsImporter;
import dev.hoist.transfer.testing.BusyboxImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-platform build whose RUN records {@code uname -m}: the arm64 image's RUN goes through
 * qemu-user (binfmt_misc) and says aarch64, the amd64 one says x86_64. The arm64 busybox comes
 * from Debian at test time ({@code apt-get download busybox-static:arm64}, which needs {@code
 * dpkg --add-architecture arm64 && apt-get update} once); the test skips with the reason when
 * that or binfmt's qemu-aarch64 entry is missing.
 */
class RunPlatformsIT {
  private static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64");

  @TempDir Path tmp;

  @Test
  void eachPlatformsRunSeesItsOwnArchitecture() throws Exception {
    BusyboxImage.assumeAvailable();
    Assumptions.assumeTrue(Platform.host().architecture().equals("amd64"), "this test builds on an amd64 host");
    Assumptions.assumeTrue(Files.isReadable(BINFMT) && Files.readAllLines(BINFMT).contains("enabled"),
        "binfmt_misc has no enabled qemu-aarch64 entry (install qemu-user-static; update-binfmts --enable qemu-aarch64)");
    Path armBusybox = armBusybox();

    Path home = tmp.resolve("home");
    LocalStore store = LocalStore.open(home);
    Path work = Files.createDirectories(tmp.resolve("work"));
    BusyboxImage.importInto(store, "bb:amd64", work);
    Path armRoot = BusyboxImage.writeRootfs(tmp.resolve("arm-rootfs"));
    Files.copy(armBusybox, armRoot.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
    new RootfsImporter(store, LayerWriter.defaults()).importRootfs(armRoot, "bb:arm64", Platform.parse("linux/arm64"),
        List.of());

    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), """
        ARG TARGETARCH
        FROM bb:$TARGETARCH
        RUN uname -m > /arch
        """);
    Proc.hoist(home, tmp, null, "build", "--progress", "plain", "--platform", "linux/amd64,linux/arm64",
        "-t", "multi:1", ctx.toString()).ok();

    Map<String, StoredLayers> images = StoredLayers.ofIndex(home, "multi:1");
    assertThat(images).containsOnlyKeys("linux/amd64", "linux/arm64");
    assertThat(arch(images.get("linux/amd64"))).isEqualTo("x86_64\n");
    assertThat(arch(images.get("linux/arm64"))).isEqualTo("aarch64\n");
    assertThat(images.get("linux/arm64").config().get("architecture").asText()).isEqualTo("arm64");
  }

  private static String arch(StoredLayers image) {
    return new String(image.top().get("arch"), StandardCharsets.UTF_8);
  }

  /** The arm64 busybox binary from Debian's busybox-static:arm64, unpacked under the temp folder. */
  private Path armBusybox() throws Exception {
    Path debs = Files.createDirectories(tmp.resolve("debs"));
    Proc download = Proc.tool(debs, "apt-get", "download", "busybox-static:arm64");
    Assumptions.assumeTrue(download.exit() == 0, "cannot fetch busybox-static:arm64 (run dpkg --add-architecture arm64"
        + " && apt-get update): " + download.err().strip());
    Path deb;
    try (Stream<Path> s = Files.list(debs)) {
      deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
    }
    Path x = tmp.resolve("deb-x");
    Proc.tool(tmp, "dpkg-deb", "-x", deb.toString(), x.toString()).ok();
    Path bin = x.resolve("bin/busybox");
    Assumptions.assumeTrue(Files.isRegularFile(bin), "busybox-static:arm64 has no bin/busybox");
    return bin;
  }
}
