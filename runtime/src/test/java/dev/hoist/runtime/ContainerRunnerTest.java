package dev.hoist.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import dev.hoist.runtime.mount.RunMount;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.snapshot.Diff;
import dev.hoist.runtime.snapshot.DiffEntry;
import dev.hoist.runtime.snapshot.LowerStack;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.Snapshotter;
import dev.hoist.runtime.testing.BusyboxRootfs;
import dev.hoist.runtime.testing.Runners;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUN on a busybox root with the real runc, over kernel overlayfs. */
class ContainerRunnerTest {
  @TempDir static Path shared;
  static Path base;
  @TempDir Path tmp;

  @BeforeAll
  static void rootfs() throws Exception {
    base = BusyboxRootfs.create(shared.resolve("base"));
  }

  private final List<Snapshotter> snapshotters = new ArrayList<>();

  private Snapshotter overlay() throws Exception {
    UserNamespace userns = UserNamespace.detect();
    org.junit.jupiter.api.Assumptions.assumeTrue(Snapshotter.overlaySupported(tmp.resolve("probe"), userns),
        "overlayfs with userxattr cannot be mounted here");
    Snapshotter s = new Snapshotter(Snapshotter.Kind.OVERLAY, tmp.resolve("snaps"), userns);
    snapshotters.add(s);
    return s;
  }

  @AfterEach
  void awaitRemovals() {
    snapshotters.forEach(Snapshotter::close);
  }

  private static RunRequest sh(String script, List<String> lines) {
    return RunRequest.of(List.of("/bin/sh", "-c", script), Output.lines(lines::add));
  }

  @Test
  void runsACommandAndPassesItsOutputAndExitCode() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, sh("echo hello; echo oops >&2; exit 3", lines));
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(lines).containsExactlyInAnyOrder("hello", "oops");
      assertThatThrownBy(() -> r.requireSuccess("Dockerfile:7"))
          .isInstanceOf(RunFailedException.class)
          .hasMessageStartingWith("Dockerfile:7: RUN failed with exit code 3; last output:\n")
          .hasMessageContaining("\n  hello")
          .hasMessageContaining("\n  oops");
    }
  }

  @Test
  void diffHasAdditionsChangesAndWhiteoutsButNoMountStubs() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, sh("set -e; rm /data/gone.txt; rm -r /data/sub; mkdir -p /opt/new;"
          + " echo hi > /opt/new/file; chmod 600 /data/keep.txt; rm -r /tmp && mkdir -m 1777 /tmp && touch /tmp/x", lines));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      Diff diff = snap.diff(r.mountTargets());
      assertThat(diff.entries()).containsExactly(
          new DiffEntry.Upsert("data"),
          new DiffEntry.Whiteout("data/gone.txt"),
          new DiffEntry.Upsert("data/keep.txt"),
          new DiffEntry.Whiteout("data/sub"),
          new DiffEntry.Upsert("opt"),
          new DiffEntry.Upsert("opt/new"),
          new DiffEntry.Upsert("opt/new/file"),
          new DiffEntry.Upsert("tmp"),
          new DiffEntry.OpaqueDir("tmp"),
          new DiffEntry.Upsert("tmp/x"));
      assertThat(Files.readString(diff.resolve(new DiffEntry.Upsert("opt/new/file")))).isEqualTo("hi\n");
    }
  }

  @Test
  void userIsResolvedThroughPasswdAndGroup() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, sh("id -u; id -g; id -G; echo $HOME; pwd", lines).withUser("app").withWorkdir("/tmp"));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      assertThat(lines).containsExactly("1000", "1000", "1000 2000", "/home/app", "/tmp");
    }
  }

  @Test
  void unknownUserIsAOneLineError() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      assertThatThrownBy(() -> runner.run(snap, sh("true", new ArrayList<>()).withUser("nobody")))
          .isInstanceOf(HoistException.class)
          .hasMessage("unable to find user nobody: no matching entries in passwd file");
    }
  }

  @Test
  void networkNoneLeavesOnlyLoopback() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> none = new ArrayList<>();
    List<String> host = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      runner.run(snap, sh("ls /sys/class/net; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '", none)
          .withNetwork(NetworkMode.NONE)).requireSuccess("none");
      runner.run(snap, sh("ls /sys/class/net", host)).requireSuccess("host");
    }
    assertThat(none).containsExactly("lo", "lo");
    assertThat(host).contains("lo").hasSizeGreaterThan(1);
  }

  @Test
  void specHasNoNewPrivilegesAndDockersCapabilities() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      runner.run(snap, sh("grep -E '^(NoNewPrivs|CapEff)' /proc/self/status; hostname;"
          + " touch /sys/x 2>/dev/null || echo sys-ro", lines)).requireSuccess("caps");
    }
    // Docker's 14 default capabilities are the bits 0x00000000a80425fb.
    assertThat(lines).containsExactly("CapEff:\t00000000a80425fb", "NoNewPrivs:\t1", "hoist", "sys-ro");
  }

  @Test
  void insecureIsRefusedUnlessAllowed() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    RunRequest insecure = new RunRequest(List.of("true"), List.of(), "/", "", "", NetworkMode.HOST, List.of(),
        Output.lines(l -> { }), dev.hoist.oci.Platform.host(), true);
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      assertThatThrownBy(() -> runner.run(snap, insecure))
          .hasMessage("RUN --security=insecure is not allowed; pass --allow security.insecure to permit it");
    }
  }

  @Test
  void cacheMountSurvivesAcrossRunsAndStaysOutOfTheDiff() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<RunMount> cache = List.of(new RunMount.CacheMount("/var/cache/app", "app-cache", RunMount.Sharing.LOCKED, false, 0755, 0, 0));
    List<String> lines = new ArrayList<>();
    try (Snapshot first = overlay().prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(first, sh("echo 42 > /var/cache/app/answer", lines).withMounts(cache));
      r.requireSuccess("first");
      assertThat(first.diff(r.mountTargets()).entries()).isEmpty();
    }
    try (Snapshot second = overlay().prepare(new LowerStack(List.of(base)))) {
      runner.run(second, sh("cat /var/cache/app/answer", lines).withMounts(cache)).requireSuccess("second");
    }
    assertThat(lines).containsExactly("42");
  }

  @Test
  void aSeededCacheStartsAsACopyOfItsSeedOnlyTheFirstTime() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    Path seed = Files.createDirectories(tmp.resolve("seed/sub"));
    Files.writeString(seed.resolve("from-stage"), "seeded\n");
    List<RunMount> cache = List.of(new RunMount.CacheMount("/c", "seeded", RunMount.Sharing.SHARED, false, 0755, 0, 0,
        Optional.of(seed)));
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      runner.run(snap, sh("cat /c/from-stage; echo changed > /c/from-stage", lines).withMounts(cache)).requireSuccess("first");
      runner.run(snap, sh("cat /c/from-stage", lines).withMounts(cache)).requireSuccess("second");
    }
    assertThat(lines).containsExactly("seeded", "changed");
    assertThat(seed.resolve("from-stage")).hasContent("seeded");
  }

  @Test
  void cacheIdCannotEscapeTheCacheRoot() throws Exception {
    Path cacheRoot = tmp.resolve("cache");
    ContainerRunner runner = Runners.runc(cacheRoot, Secrets.none());
    List<RunMount> evil = List.of(new RunMount.CacheMount("/c", "../../escape", RunMount.Sharing.SHARED, false, 0755, 0, 0));
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      runner.run(snap, sh("touch /c/file", new ArrayList<>()).withMounts(evil)).requireSuccess("evil");
    }
    try (var files = Files.walk(cacheRoot)) {
      assertThat(files.filter(p -> p.getFileName().toString().equals("file")).toList()).hasSize(1);
    }
    assertThat(tmp.getParent().resolve("escape")).doesNotExist();
    assertThat(tmp.resolve("escape")).doesNotExist();
  }

  @Test
  void bindMountsAreReadOnlyByDefaultAndRwWritesAreDiscarded() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    Path context = Files.createDirectories(tmp.resolve("context"));
    Files.writeString(context.resolve("in.txt"), "from context\n");
    List<String> lines = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      targets.addAll(runner.run(snap, sh("cat /src/in.txt; touch /src/new 2>/dev/null || echo ro", lines)
          .withMounts(List.of(new RunMount.BindMount(context, "/src", false)))).requireSuccess("ro").mountTargets());
      targets.addAll(runner.run(snap, sh("echo changed > /src/in.txt && cat /src/in.txt", lines)
          .withMounts(List.of(new RunMount.BindMount(context, "/src", true)))).requireSuccess("rw").mountTargets());
      targets.addAll(runner.run(snap, sh("echo x > /scratch/y && cat /scratch/y", lines)
          .withMounts(List.of(new RunMount.TmpfsMount("/scratch", 1 << 20)))).requireSuccess("tmpfs").mountTargets());
      assertThat(snap.diff(targets).entries()).isEmpty();
    }
    assertThat(lines).containsExactly("from context", "ro", "changed", "x");
    assertThat(Files.readString(context.resolve("in.txt"))).isEqualTo("from context\n");
  }

  @Test
  void bubblewrapRunsTheSameCommand() throws Exception {
    ContainerRunner runner = Runners.with("bwrap", tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, sh("echo made > /made; id -u; cat /etc/hostname 2>/dev/null; hostname", lines));
      r.requireSuccess("bwrap");
      assertThat(snap.diff(r.mountTargets()).entries()).containsExactly(new DiffEntry.Upsert("made"));
    }
    assertThat(lines).containsExactly("0", "hoist");
  }

  @Test
  void crunRunsEvenOnHybridCgroupHosts() throws Exception {
    ContainerRunner runner = Runners.with("crun", tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, sh("echo crun > /by-crun; cat /by-crun", lines));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      assertThat(r.runtime()).isEqualTo("crun");
      assertThat(snap.diff(r.mountTargets()).entries()).containsExactly(new DiffEntry.Upsert("by-crun"));
    }
    assertThat(lines).containsExactly("crun");
  }

  @Test
  void sshAgentSocketIsForwardedWithItsVariable() throws Exception {
    Path sock = tmp.resolve("agent.sock");
    try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(sock));
      ContainerRunner runner = new ContainerRunner(
          dev.hoist.runtime.engine.RuntimeLocator.system().locate(java.util.Optional.of("runc")), UserNamespace.detect(),
          new dev.hoist.runtime.mount.MountContext(tmp.resolve("cache"), Secrets.none(), java.util.Map.of("default", sock)),
          dev.hoist.runtime.platform.EmulationSupport.system(), false);
      List<String> lines = new ArrayList<>();
      try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
        RunResult r = runner.run(snap, sh("echo $SSH_AUTH_SOCK; test -S $SSH_AUTH_SOCK && echo socket", lines)
            .withMounts(List.of(new RunMount.SshMount("default", java.util.Optional.empty(), true, 0600, 0, 0))));
        r.requireSuccess("ssh");
        assertThat(snap.diff(r.mountTargets()).entries()).isEmpty();
        assertThatThrownBy(() -> runner.run(snap, sh("true", lines)
            .withMounts(List.of(new RunMount.SshMount("work", java.util.Optional.empty(), true, 0600, 0, 0)))))
            .isInstanceOf(HoistException.class)
            .hasMessage("ssh agent work is required but none was given (start ssh-agent or pass --ssh work)");
      }
      assertThat(lines).containsExactly("/run/buildkit/ssh_agent.0", "socket");
    }
  }

  @Test
  void aCrunThatRefusesTheHostFallsBackToTheNextRuntimeWithOneWarning() throws Exception {
    Path fakeCrun = Files.writeString(tmp.resolve("crun"),
        "#!/bin/sh\necho 'cgroups in hybrid mode not supported, drop all controllers from cgroupv2' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fakeCrun, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    dev.hoist.runtime.engine.ContainerRuntime runc =
        dev.hoist.runtime.engine.RuntimeLocator.system().locate(java.util.Optional.of("runc"));
    List<String> warnings = new ArrayList<>();
    ContainerRunner runner = new ContainerRunner(new dev.hoist.runtime.engine.Crun(fakeCrun, false), List.of(runc),
        UserNamespace.detect(), new dev.hoist.runtime.mount.MountContext(tmp.resolve("cache"), Secrets.none(), java.util.Map.of()),
        dev.hoist.runtime.platform.EmulationSupport.system(), false, warnings::add);
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      assertThat(runner.run(snap, sh("echo ran", lines)).runtime()).isEqualTo("runc");
      assertThat(runner.run(snap, sh("echo again", lines)).runtime()).isEqualTo("runc");
    }
    assertThat(lines).containsExactly("ran", "again");
    assertThat(warnings).containsExactly("warning: crun refuses this host's hybrid cgroups; using runc");

    ContainerRunner alone = new ContainerRunner(new dev.hoist.runtime.engine.Crun(fakeCrun, false), UserNamespace.detect(),
        new dev.hoist.runtime.mount.MountContext(tmp.resolve("cache"), Secrets.none(), java.util.Map.of()),
        dev.hoist.runtime.platform.EmulationSupport.system(), false);
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      assertThatThrownBy(() -> alone.run(snap, sh("true", lines)))
          .hasMessage("crun refuses this host's hybrid cgroups (cgroups in hybrid mode not supported); use --runtime runc or bwrap");
    }
  }

  @Test
  void cacheMountIsCreatedWithModeAndOwnerAndLockedCachesAreExclusive() throws Exception {
    Assumptions.assumeTrue(UserNamespace.detect().mapping().isIdentity(), "cache owners need root");
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    RunMount.CacheMount cache = new RunMount.CacheMount("/c", "owned", RunMount.Sharing.PRIVATE, false, 0700, 1000, 1000);
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(base)))) {
      runner.run(snap, sh("stat -c '%a %u %g' /c; touch /c/mine", lines).withUser("app").withMounts(List.of(cache)))
          .requireSuccess("cache");
    }
    assertThat(lines).containsExactly("700 1000 1000");
  }

  @Test
  void manyLayersWithLongPathsStillMount() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<Path> layers = new ArrayList<>(List.of(base));
    for (int i = 0; i < 80; i++) {
      Path layer = Files.createDirectories(tmp.resolve("a-rather-long-folder-name-for-one-layer-of-a-deep-image-" + i));
      Files.writeString(layer.resolve("f" + i), Integer.toString(i));
      layers.add(layer);
    }
    List<String> lines = new ArrayList<>();
    try (Snapshot snap = overlay().prepare(new LowerStack(layers))) {
      runner.run(snap, sh("ls / | grep -c '^f'", lines)).requireSuccess("deep");
    }
    assertThat(lines).containsExactly("80");
  }

  @Test
  void aSnapshotThatCannotBeMountedIsASetupErrorNotAnExitCode() throws Exception {
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    try (Snapshot snap = overlay().prepare(new LowerStack(List.of(tmp.resolve("missing-layer"))))) {
      assertThatThrownBy(() -> runner.run(snap, sh("true", new ArrayList<>())))
          .isInstanceOf(HoistException.class)
          .hasMessageStartingWith("hoist: container setup failed: mount")
          .hasMessageNotContaining("\n");
    }
  }
}
