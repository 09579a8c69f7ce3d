package dev.hoist.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.hoist.registry.testing.RegistryExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/hoist run} on a busybox image imported into a fresh store: exit codes pass through,
 * stdin is attached, -e/-w/--user/-v/--network work, nothing the command writes stays, and an
 * image the store lacks is pulled from a real registry.
 */
class RunCommandIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.plain();
  @TempDir Path tmp;
  Path home;

  /** Exit code, stdout, and stderr without warnings (crun's hybrid-cgroup notice on such hosts). */
  record Result(int exit, String out, String err) {}

  Result hoist(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("hoist.repo.dir"), "bin", "hoist").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr").toFile());
    pb.environment().put("HOIST_HOME", home.toString());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    String err = Files.readAllLines(tmp.resolve("stderr")).stream().filter(l -> !l.startsWith("warning: "))
        .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    return new Result(exit, out, err);
  }

  @BeforeEach
  void image() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")),
        "runc is not installed");
    home = tmp.resolve("home");
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    for (String a : List.of("sh", "cat", "echo", "id", "pwd", "ls", "touch", "tty", "stty")) {
      Files.createSymbolicLink(rootfs.resolve(a), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(tmp.resolve("rootfs/etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\napp:x:1000:\n");
    Path t = Files.createDirectories(tmp.resolve("rootfs/tmp"));
    Files.setAttribute(t, "unix:mode", 01777);
    Result r = hoist("", "import", tmp.resolve("rootfs").toString(), "bb:1", "--change", "CMD [\"sh\"]", "--change", "ENV GREETING=hello");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
  }

  @Test
  void runsCommandsWithTheImagesSettingsAndPassesExitCodes() throws Exception {
    Result r = hoist("", "run", "--rm", "bb:1", "sh", "-c", "echo $GREETING; echo made > /tmp/made; exit 7");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(7);
    assertThat(r.out()).isEqualTo("hello\n");

    r = hoist("", "run", "-e", "GREETING=hi", "-e", "X=1", "-w", "/tmp", "--user", "app", "bb:1",
        "sh", "-c", "echo $GREETING $X; pwd; id -u; cat /tmp/made 2>/dev/null || echo clean");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEqualTo("hi 1\n/tmp\n1000\nclean\n");

    r = hoist("from stdin\n", "run", "bb:1", "cat");
    assertThat(r.out()).isEqualTo("from stdin\n");

    r = hoist("echo via default cmd\n", "run", "bb:1");
    assertThat(r.out()).isEqualTo("via default cmd\n");

    r = hoist("", "run", "--entrypoint", "echo", "bb:1", "entry", "point");
    assertThat(r.out()).isEqualTo("entry point\n");
  }

  @Test
  void entrypointDropsTheImagesCmdAsDockerDoes() throws Exception {
    Result r = hoist("", "import", tmp.resolve("rootfs").toString(), "ep:1",
        "--change", "ENTRYPOINT [\"echo\", \"ep\"]", "--change", "CMD [\"default\"]");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    r = hoist("", "run", "ep:1");
    assertThat(r.out()).isEqualTo("ep default\n");
    r = hoist("", "run", "ep:1", "given");
    assertThat(r.out()).isEqualTo("ep given\n");
    r = hoist("", "run", "--entrypoint", "echo", "ep:1");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEqualTo("\n");
    r = hoist("", "run", "--entrypoint", "echo", "ep:1", "only", "these");
    assertThat(r.out()).isEqualTo("only these\n");
    r = hoist("", "run", "--entrypoint", "", "ep:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("hoist: no command given: --entrypoint \"\" drops the image's Entrypoint and Cmd\n");
  }

  @Test
  void volumesAndNetworkNone() throws Exception {
    Path vol = Files.createDirectories(tmp.resolve("vol"));
    Files.writeString(vol.resolve("in"), "host file\n");
    Result r = hoist("", "run", "-v", vol + ":/data", "bb:1", "sh", "-c", "cat /data/in; echo out > /data/out");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEqualTo("host file\n");
    assertThat(vol.resolve("out")).hasContent("out");

    r = hoist("", "run", "-v", vol + ":/data:ro", "bb:1", "sh", "-c", "touch /data/x");
    assertThat(r.exit()).isNotZero();
    assertThat(vol.resolve("x")).doesNotExist();

    r = hoist("", "run", "--network", "none", "bb:1", "ls", "/sys/class/net");
    assertThat(r.out()).isEqualTo("lo\n");
  }

  @Test
  void pullsFromTheRegistryWhenTheStoreLacksTheImage() throws Exception {
    Assumptions.assumeTrue(RegistryExtension.available(), "docker-registry is not installed");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    String ref = REGISTRY.hostPort() + "/bb:1";
    Process copy = new ProcessBuilder("skopeo", "copy", "--dest-tls-verify=false", "oci:" + home + ":bb:1", "docker://" + ref)
        .redirectErrorStream(true).start();
    String log = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(copy.waitFor()).as(log).isZero();
    home = tmp.resolve("other-home");
    Result r = hoist("", "run", ref, "sh", "-c", "echo $GREETING from the registry");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEqualTo("hello from the registry\n");
    r = hoist("", "run", REGISTRY.hostPort() + "/nope:1", "true");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("hoist: ").contains("nope").doesNotContain("\n\t").hasLineCount(1);
  }

  @Test
  void errorsAreOneLine() throws Exception {
    Result r = hoist("", "run", "-v", "/nonexistent-hoist-dir:/x", "bb:1", "true");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("hoist: volume source /nonexistent-hoist-dir does not exist\n");
    r = hoist("", "run", "-v", "bad", "bb:1", "true");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("hoist: invalid --volume bad (want HOST:CONTAINER[:ro])");
    r = hoist("", "run", "bb:1", "missing-binary");
    assertThat(r.exit()).isEqualTo(127);
    assertThat(r.err()).isEqualTo("hoist: exec: \"missing-binary\": executable file not found in $PATH\n");
    r = hoist("", "run", "bb:1", "/etc/passwd");
    assertThat(r.exit()).isEqualTo(126);
    assertThat(r.err()).isEqualTo("hoist: exec: \"/etc/passwd\": permission denied\n");
    r = hoist("", "run", "bb:1", "/bin/cat", "/etc/group");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    r = hoist("", "run", "--user", "ghost", "bb:1", "true");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("hoist: unable to find user ghost: no matching entries in passwd file\n");
  }

  @Test
  void ttyGivesTheCommandAPseudoTerminalOfHoistsSize() throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "util-linux's script (bsdutils) is not installed");
    // script runs hoist on a pseudo-terminal of its own, as a person's shell would, 40 rows by 100 columns.
    String hoist = Path.of(System.getProperty("hoist.repo.dir"), "bin", "hoist").toString();
    String line = "stty rows 40 cols 100; " + hoist + " run -it bb:1 sh -c 'test -t 0 && test -t 1 && tty && stty size && echo $TERM; exit 3'";
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qec", line, "/dev/null")
        .redirectError(tmp.resolve("stderr").toFile());
    pb.environment().put("HOIST_HOME", home.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isEqualTo(3);
    assertThat(out).containsPattern("/dev/pts/[0-9]+\\r\\n40 100\\r\\nxterm\\r\\n");

    Result r = hoist("", "run", "-t", "bb:1", "true");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("hoist: the input device is not a TTY: hoist run -t needs stdin to be a terminal (drop -t)\n");
  }
}
