package dev.hoist.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import dev.hoist.runtime.engine.RuntimeLocator;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.platform.EmulationSupport;
import dev.hoist.runtime.snapshot.DiffEntry;
import dev.hoist.runtime.snapshot.LowerStack;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.Snapshotter;
import dev.hoist.runtime.testing.BusyboxRootfs;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --platform linux/arm64} RUN steps: refused in one line where binfmt_misc has no qemu
 * entry, and run under qemu-user where it has (with Debian's arm64 busybox-static, fetched with
 * {@code apt-get download} once the arm64 architecture is added to dpkg).
 */
class ForeignArchTest {
  private static final Platform ARM64 = Platform.parse("linux/arm64");
  @TempDir Path tmp;

  private ContainerRunner runner(EmulationSupport emulation) {
    return new ContainerRunner(RuntimeLocator.system().locate(Optional.of("runc")), UserNamespace.detect(),
        new MountContext(tmp.resolve("cache"), Secrets.none(), Map.of()), emulation, false);
  }

  @Test
  void withoutEmulationAForeignPlatformFailsInOneLineAndRunsNothing() throws Exception {
    Assumptions.assumeFalse(Platform.host().architecture().equals("arm64"), "the host is arm64");
    Path base = BusyboxRootfs.create(tmp.resolve("base"));
    ContainerRunner runner = runner(new EmulationSupport(tmp.resolve("no-binfmt"), Platform.host()));
    try (Snapshotter snapshotter = new Snapshotter(Snapshotter.Kind.COPY, tmp.resolve("snaps"), UserNamespace.detect());
         Snapshot snap = snapshotter.prepare(new LowerStack(List.of(base)))) {
      RunRequest request = RunRequest.of(List.of("touch", "/ran"), Output.lines(l -> { })).withPlatform(ARM64);
      assertThatThrownBy(() -> runner.run(snap, request))
          .isInstanceOf(HoistException.class)
          .hasMessageStartingWith("cannot run linux/arm64 steps: binfmt_misc is not mounted")
          .hasMessageNotContaining("\n");
      assertThat(snap.diff(List.of()).entries()).isEmpty();
    }
  }

  @Test
  void arm64RunsUnderQemuWhereBinfmtHasIt() throws Exception {
    Assumptions.assumeFalse(Platform.host().architecture().equals("arm64"), "the host is arm64");
    EmulationSupport.Support support = EmulationSupport.system().check(ARM64);
    Assumptions.assumeTrue(support instanceof EmulationSupport.Support.Emulated,
        () -> "no emulation: " + support + " (.ci/run mounts binfmt_misc and registers qemu-aarch64)");
    Path busybox = ArmBusybox.fetch(Path.of("target/arm64-busybox"));
    Path base = Files.createDirectories(tmp.resolve("arm/bin"));
    Files.copy(busybox, base.resolve("busybox"));
    Files.setAttribute(base.resolve("busybox"), "unix:mode", 0755);
    for (String a : List.of("sh", "uname", "echo")) {
      Files.createSymbolicLink(base.resolve(a), Path.of("busybox"));
    }
    ContainerRunner runner = runner(EmulationSupport.system());
    List<String> lines = new ArrayList<>();
    try (Snapshotter snapshotter = Snapshotter.auto(tmp.resolve("snaps"), UserNamespace.detect());
         Snapshot snap = snapshotter.prepare(new LowerStack(List.of(tmp.resolve("arm"))))) {
      RunResult r = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c", "uname -m > /arch; cat /arch"),
          Output.lines(lines::add)).withPlatform(ARM64));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      assertThat(snap.diff(r.mountTargets()).entries()).containsExactly(new DiffEntry.Upsert("arch"));
    }
    assertThat(lines).containsExactly("aarch64");
  }

  /** Debian's arm64 busybox-static, downloaded once into {@code cache}. */
  static final class ArmBusybox {
    static Path fetch(Path cache) throws Exception {
      Path binary = cache.resolve("x/bin/busybox");
      if (Files.isRegularFile(binary)) {
        return binary;
      }
      String arches = output(List.of("dpkg", "--print-foreign-architectures"), Path.of("."));
      Assumptions.assumeTrue(arches.contains("arm64"),
          "dpkg has no arm64 architecture: dpkg --add-architecture arm64 && apt-get update");
      Files.createDirectories(cache);
      output(List.of("apt-get", "download", "busybox-static:arm64"), cache);
      Optional<Path> deb;
      try (var s = Files.list(cache)) {
        deb = s.filter(p -> p.getFileName().toString().endsWith("_arm64.deb")).findFirst();
      }
      Assumptions.assumeTrue(deb.isPresent(), "apt-get download busybox-static:arm64 fetched nothing (no network to Debian mirrors?)");
      output(List.of("dpkg-deb", "-x", deb.get().getFileName().toString(), "x"), cache);
      return binary;
    }

    private static String output(List<String> cmd, Path dir) throws Exception {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    }
  }
}
