package dev.hoist.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.runtime.userns.ProcessIds;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rootless path for real: {@link RootlessProbe} runs as the CI user {@code hoist-ci} (which
 * has subordinate ids) through {@code runuser}, with a copy of the test classpath it can read.
 */
class RootlessTest {
  private static final String USER = "hoist-ci";
  private Path dir;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(ProcessIds.effectiveUid() == 0, "rootless test is started by root through runuser; running as non-root already");
    Assumptions.assumeTrue(run("id", USER) == 0, "no user " + USER + " (CI creates it: useradd -m hoist-ci, with /etc/subuid and /etc/subgid ranges)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")), "no runuser");
    dir = Files.createTempDirectory(Path.of("/tmp"), "hoist-rootless-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (dir != null) {
      run("rm", "-rf", dir.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void runsAsRootAndAsAppInAUserNamespaceWithContainerOwnersInTheDiff(String runtime) throws Exception {
    List<String> lines = probe(runtime, "subids");
    assertThat(lines).contains("rootless true ranges 2", "out 0", "out 1000", "exit 0")
        .doesNotContain("exit 1");
    assertThat(lines.stream().filter(l -> l.startsWith("entry ")).toList()).containsExactly(
        "entry Upsert[path=by-root] 0:0",
        "entry Upsert[path=data] 0:0",
        "entry Whiteout[path=data/gone.txt]",
        "entry Upsert[path=tmp] 0:0",
        "entry Upsert[path=tmp/by-app] 1000:1000");
  }

  @Test
  void aSingleIdMapRunsRootAndNamesWhatOtherUsersNeed() throws Exception {
    List<String> lines = probe("runc", "single");
    assertThat(lines).contains("rootless true ranges 1", "out 0", "exit 0",
        "error USER app (uid 1000, gid 1000) needs subordinate ids when not root: add a range for hoist-ci"
            + " to /etc/subuid and /etc/subgid and install uidmap");
    assertThat(lines.stream().filter(l -> l.startsWith("entry ")).toList()).containsExactly(
        "entry Upsert[path=by-root] 0:0",
        "entry Upsert[path=data] 0:0",
        "entry Whiteout[path=data/gone.txt]");
  }

  private List<String> probe(String runtime, String mapping) throws Exception {
    Assumptions.assumeTrue(run("sh", "-c", "command -v " + runtime) == 0, runtime + " is not installed");
    Path cp = Files.createDirectory(dir.resolve("cp"));
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path target = cp.resolve(Integer.toString(i++) + (e.endsWith(".jar") ? ".jar" : ""));
      assertThat(run("cp", "-r", e, target.toString())).isZero();
      entries.add(target.toString());
    }
    assertThat(run("chmod", "-R", "a+rX", cp.toString())).isZero();
    Path work = Files.createDirectory(dir.resolve("work"));
    assertThat(run("chown", USER, work.toString())).isZero();
    String java = ProcessHandle.current().info().command().orElse("java");

    Process p = new ProcessBuilder("runuser", "-u", USER, "--", java, "-cp", String.join(File.pathSeparator, entries),
        RootlessProbe.class.getName(), work.toString(), runtime, mapping).directory(work.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    System.out.println(out);
    assertThat(code).as(out).isZero();
    List<String> lines = out.lines().toList();
    Assumptions.assumeTrue(lines.contains("snapshotter OVERLAY"), "overlayfs cannot be mounted in a user namespace here: " + out);
    return lines;
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
