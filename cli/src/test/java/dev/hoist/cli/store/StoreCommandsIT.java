package dev.hoist.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code bin/hoist} through the store commands and reads the results with skopeo and umoci. */
class StoreCommandsIT {
  @org.junit.jupiter.api.extension.RegisterExtension
  static dev.hoist.registry.testing.RegistryExtension registry = dev.hoist.registry.testing.RegistryExtension.plain();
  @TempDir Path tmp;

  record Result(int exit, String out) {}

  Result hoist(Path home, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("hoist.repo.dir"), "bin", "hoist").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HOIST_HOME", home.toString());
    pb.environment().put("SOURCE_DATE_EPOCH", "1700000000");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  Result ok(Path home, String... args) throws IOException, InterruptedException {
    Result r = hoist(home, args);
    assertThat(r.exit()).as("hoist %s: %s", String.join(" ", args), r.out()).isZero();
    return r;
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", cmd), out).isZero();
    return out;
  }

  @Test
  void exportAsANonRootUserSaysWhatItCouldNotRestore() throws Exception {
    Assumptions.assumeTrue(dev.hoist.runtime.userns.ProcessIds.effectiveUid() == 0,
        "needs root to make a device node and to switch to the CI user");
    Assumptions.assumeTrue(new ProcessBuilder("id", "hoist-ci").start().waitFor() == 0,
        "no user hoist-ci (CI creates it: useradd -m hoist-ci)");
    Path base = Files.createTempDirectory(Path.of("/tmp"), "hoist-export-");
    try {
      Path rootfs = base.resolve("rootfs");
      Files.createDirectories(rootfs.resolve("dev"));
      run("mknod", rootfs.resolve("dev/null").toString(), "c", "1", "3");
      Files.writeString(rootfs.resolve("hello.txt"), "hi\n");
      Path home = base.resolve("home");
      ok(home, "import", base.resolve("rootfs").toString(), "dev:1");
      run("chown", "-R", "hoist-ci:hoist-ci", base.toString());
      run("chmod", "755", base.toString());
      Path out = base.resolve("out/");
      String printed = run("runuser", "-u", "hoist-ci", "--", "env", "HOIST_HOME=" + home,
          Path.of(System.getProperty("hoist.repo.dir"), "bin", "hoist").toString(), "export", "dev:1", "-o", out + "/");
      assertThat(printed).contains("hoist: warning: skipped device dev/null (needs root)");
      assertThat(out.resolve("hello.txt")).hasContent("hi");
    } finally {
      run("rm", "-rf", base.toString());
    }
  }

  @Test
  void importInspectSaveLoadExportPrune() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")), "umoci is not installed");
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("busybox"));
    Path home = tmp.resolve("home");

    String digest = ok(home, "import", tmp.resolve("rootfs").toString(), "bb:1", "--change", "CMD [\"sh\"]").out().trim();
    assertThat(digest).startsWith("sha256:");
    assertThat(ok(home, "images").out()).contains("bb", "1");
    assertThat(ok(home, "inspect", "bb:1").out()).contains("\"Cmd\" : [ \"sh\" ]", "\"DiffID\"");
    assertThat(ok(home, "history", "bb:1").out()).contains("hoist import", "2023-11-14T22:13:20Z");
    assertThat(run("skopeo", "inspect", "oci:" + home + ":bb:1")).contains(digest);

    Path oci = tmp.resolve("bb-oci.tar");
    Path docker = tmp.resolve("bb-docker.tar");
    ok(home, "save", "bb:1", "-o", oci.toString());
    ok(home, "save", "bb:1", "-o", docker.toString(), "--format", "docker");
    assertThat(run("skopeo", "inspect", "oci-archive:" + oci + ":bb:1")).contains("\"Os\": \"linux\"");
    run("skopeo", "inspect", "docker-archive:" + docker);

    ok(home, "rmi", "bb:1");
    assertThat(ok(home, "prune").out()).startsWith("Removed 3 blobs");
    try (Stream<Path> blobs = Files.list(home.resolve("blobs/sha256"))) {
      assertThat(blobs).isEmpty();
    }
    assertThat(ok(home, "load", "-i", docker.toString()).out()).contains("Loaded image: bb:1");
    ok(home, "load", "-i", oci.toString());

    Path out = tmp.resolve("exported/");
    ok(home, "export", "bb:1", "-o", out + "/");
    assertThat(out.resolve("bin/busybox")).hasSameBinaryContentAs(Path.of("/bin/busybox"));
    run("umoci", "unpack", "--image", home + ":bb:1", tmp.resolve("bundle").toString());
    assertThat(tmp.resolve("bundle/rootfs/bin/sh")).isSymbolicLink();

    String remote = registry.hostPort() + "/it/bb:1";
    assertThat(ok(home, "push", "bb:1", remote).out()).contains("Pushed " + remote);
    assertThat(run("skopeo", "inspect", "--tls-verify=false", "docker://" + remote)).contains("\"Os\": \"linux\"");
    Path other = tmp.resolve("other");
    assertThat(ok(other, "pull", remote).out()).contains("Pulled " + remote);
    assertThat(ok(other, "images").out()).contains(registry.hostPort() + "/it/bb");

    Result missing = hoist(home, "rmi", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("no such image: nope");
    assertThat(hoist(home, "save", "bb:1").exit()).isEqualTo(2);
  }
}
