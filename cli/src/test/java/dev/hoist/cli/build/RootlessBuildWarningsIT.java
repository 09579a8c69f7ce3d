package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the extractor cannot restore for a non-root user reaches {@code hoist build}'s output, once
 * per distinct warning: a device in the RUN base (snapshot unpack) and in an archive ADDed twice.
 * An image that {@code COPY --from} reads twice warns of nothing: its layers are read, never unpacked. Root makes the devices, then the build runs as
 * the CI user {@code hoist-ci}, as the export warning test does.
 */
class RootlessBuildWarningsIT {
  private static final String USER = "hoist-ci";
  private Path base;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(dev.hoist.runtime.userns.ProcessIds.effectiveUid() == 0,
        "needs root to make device nodes and to switch to the CI user");
    Assumptions.assumeTrue(Proc.tool(Path.of("/"), "id", USER).exit() == 0,
        "no user " + USER + " (CI creates it: useradd -m hoist-ci, with /etc/subuid and /etc/subgid ranges)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
    base = Files.createTempDirectory(Path.of("/tmp"), "hoist-build-warnings-");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (base != null) {
      Proc.tool(Path.of("/"), "rm", "-rf", base.toString()).ok();
    }
  }

  @Test
  void eachDistinctExtractionWarningIsPrintedOnce() throws Exception {
    Path home = base.resolve("home");
    importWithDevice(home, "run:1", "run-dev");
    importWithDevice(home, "copy:1", "copy-dev");
    Path ctx = Files.createDirectories(base.resolve("ctx"));
    Path archived = Files.createDirectories(base.resolve("archived/dev"));
    Proc.tool(base, "mknod", archived.resolve("add-dev").toString(), "c", "1", "3").ok();
    Proc.tool(base, "tar", "-cf", ctx.resolve("devices.tar").toString(), "-C", archived.getParent().toString(), "dev").ok();
    Files.writeString(ctx.resolve("Dockerfile"), """
        FROM run:1 AS base
        RUN echo ran > /ran
        FROM scratch AS one
        COPY --from=copy:1 /hello.txt /one.txt
        ADD devices.tar /a/
        FROM scratch AS two
        COPY --from=copy:1 /hello.txt /two.txt
        ADD devices.tar /b/
        FROM base
        COPY --from=one /one.txt /
        COPY --from=two /two.txt /
        """);
    Proc.tool(base, "chown", "-R", USER + ":" + USER, base.toString()).ok();
    Proc.tool(base, "chmod", "755", base.toString()).ok();

    Proc built = Proc.run(List.of("runuser", "-u", USER, "--", "env", "HOIST_HOME=" + home,
        Proc.repo().resolve("bin/hoist").toAbsolutePath().toString(), "build", "--progress", "plain", "-t", "out:1",
        ctx.toString()), Map.of(), base, null).ok();

    String printed = built.out() + built.err();
    assertThat(count(printed, "warning: skipped device dev/run-dev (needs root)")).as(printed).isEqualTo(1);
    assertThat(count(printed, "warning: skipped device dev/copy-dev (needs root)")).as(printed).isZero();
    assertThat(count(printed, "warning: skipped device dev/add-dev (needs root)")).as(printed).isEqualTo(1);
  }

  /** Imports a busybox rootfs with {@code hello.txt} and the character device {@code dev/<device>} as {@code ref}, as root. */
  private void importWithDevice(Path home, String ref, String device) throws Exception {
    Path rootfs = Files.createDirectories(base.resolve(device).resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("busybox"));
    Path dev = Files.createDirectories(rootfs.resolveSibling("dev"));
    Proc.tool(base, "mknod", dev.resolve(device).toString(), "c", "1", "3").ok();
    Files.writeString(rootfs.resolveSibling("hello.txt"), "hi\n");
    Proc.hoist(home, base, null, "import", rootfs.getParent().toString(), ref).ok();
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
