package dev.hoist.runtime;

import dev.hoist.oci.HoistException;
import dev.hoist.runtime.engine.ContainerRuntime;
import dev.hoist.runtime.engine.Crun;
import dev.hoist.runtime.engine.RuntimeLocator;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.MountPlanner;
import dev.hoist.runtime.mount.PlannedMounts;
import dev.hoist.runtime.platform.EmulationSupport;
import dev.hoist.runtime.snapshot.OverlayMount;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.spec.Capabilities;
import dev.hoist.runtime.spec.ContainerSpec;
import dev.hoist.runtime.spec.DefaultMounts;
import dev.hoist.runtime.spec.OciConfig;
import dev.hoist.runtime.spec.SpecMount;
import dev.hoist.runtime.user.ResolvedUser;
import dev.hoist.runtime.user.UserResolver;
import dev.hoist.runtime.userns.UserNamespace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one command in a {@link Snapshot}: resolves the user through the image's passwd/group,
 * realises the RUN mounts, writes the spec to a private run folder, and starts the runtime in a
 * fresh mount namespace ({@code unshare --mount}, plus a user namespace when rootless) where the
 * snapshot's overlay is mounted first, so nothing stays mounted when the process ends, however it
 * ends. The builder and {@code hoist run} share this.
 */
public final class ContainerRunner {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String MOUNT_THEN_EXEC =
      "mount -t overlay overlay -o \"$1\" \"$2\" || { echo 'hoist: cannot mount overlayfs' >&2; exit 125; }; "
          + "shift 2; exec \"$@\"";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ContainerRuntime runtime;
  private final UserNamespace userns;
  private final MountContext mountContext;
  private final EmulationSupport emulation;
  private final boolean allowInsecure;

  public ContainerRunner(ContainerRuntime runtime, UserNamespace userns, MountContext mountContext,
      EmulationSupport emulation, boolean allowInsecure) {
    this.runtime = runtime;
    this.userns = userns;
    this.mountContext = mountContext;
    this.emulation = emulation;
    this.allowInsecure = allowInsecure;
  }

  /** A runner with the runtime {@code --runtime} names (or the best found) for this process' user. */
  public static ContainerRunner system(Optional<String> runtimeName, MountContext mounts, boolean allowInsecure,
      Consumer<String> warnings) {
    return new ContainerRunner(RuntimeLocator.system(warnings).locate(runtimeName), UserNamespace.detect(), mounts,
        EmulationSupport.system(), allowInsecure);
  }

  public ContainerRuntime runtime() {
    return runtime;
  }

  public UserNamespace userNamespace() {
    return userns;
  }

  public RunResult run(Snapshot snapshot, RunRequest request) throws IOException {
    emulation.require(request.platform());
    if (request.insecure() && !allowInsecure) {
      throw new HoistException("RUN --security=insecure is not allowed; pass --allow security.insecure to permit it");
    }
    ResolvedUser user = resolveUser(snapshot, request.user());
    Path runDir = RunDirectory.create();
    try (PlannedMounts planned = new MountPlanner(mountContext, userns.mapping()).plan(request.mounts(), runDir)) {
      List<SpecMount> mounts = new ArrayList<>(DefaultMounts.of(userns.rootless(), request.network() == NetworkMode.NONE));
      mounts.addAll(HostNetworkFiles.write(runDir, request.hostname(), request.network()));
      mounts.addAll(planned.mounts());
      ContainerSpec spec = new ContainerSpec(snapshot.rootfs(), request.args(),
          environment(request.env(), planned.env(), user), request.workdir(), user.uid(), user.gid(),
          user.additionalGids().stream().map(Integer::longValue).toList(), request.hostname(), mounts,
          request.network() == NetworkMode.NONE, userns.rootless(),
          request.insecure() ? allCapabilities() : Capabilities.DOCKER_DEFAULT, !request.insecure());
      Path bundle = Files.createDirectory(runDir.resolve("bundle"));
      Path state = Files.createDirectory(runDir.resolve("state"));
      if (runtime.readsBundle()) {
        OciConfig.write(spec, bundle);
      }
      byte[] random = new byte[6];
      RANDOM.nextBytes(random);
      String id = "hoist-" + HexFormat.of().formatHex(random);
      List<String> command = wrap(runtime.command(spec, bundle, state, id), snapshot.overlay());
      return execute(command, request.output(), spec.mountTargets());
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cleaning up after the run: " + e.getMessage(), e);
    } finally {
      deleteTree(runDir);
    }
  }

  private RunResult execute(List<String> command, Output output, List<String> mountTargets) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (output instanceof Output.Inherit) {
      pb.inheritIO();
    } else {
      pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process p = pb.start();
    List<String> tail = List.of();
    try {
      if (output instanceof Output.Lines lines) {
        OutputPump pump = new OutputPump(lines.lines(), lines.tailLines());
        pump.pump(p.getInputStream());
        tail = pump.tail();
      }
      int code = p.waitFor();
      if (code != 0 && runtime instanceof Crun && tail.stream().anyMatch(l -> l.contains(Crun.HYBRID_CGROUPS_ERROR))) {
        throw new HoistException("crun refuses this host's hybrid cgroups (" + Crun.HYBRID_CGROUPS_ERROR
            + "); use --runtime runc or bwrap");
      }
      return new RunResult(code, tail, runtime.name(), mountTargets);
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    } finally {
      if (p.isAlive()) {
        p.destroy();
      }
    }
  }

  /** The runtime command inside a private mount namespace that mounts the overlay first. */
  private List<String> wrap(List<String> runtimeCommand, Optional<OverlayMount> overlay) {
    if (overlay.isEmpty() && !userns.rootless()) {
      return runtimeCommand;
    }
    List<String> cmd = new ArrayList<>(List.of("unshare"));
    cmd.addAll(userns.unshareArgs());
    cmd.addAll(List.of("--mount", "--"));
    if (overlay.isPresent()) {
      cmd.addAll(List.of("sh", "-c", MOUNT_THEN_EXEC, "sh", overlay.get().options(), overlay.get().target().toString()));
    }
    cmd.addAll(runtimeCommand);
    return cmd;
  }

  private ResolvedUser resolveUser(Snapshot snapshot, String userSpec) throws IOException {
    UserResolver resolver = new UserResolver(snapshot.lowers().readText("etc/passwd").orElse(""),
        snapshot.lowers().readText("etc/group").orElse(""));
    ResolvedUser user = resolver.resolve(userSpec.isBlank() ? "0" : userSpec);
    boolean mapped = userns.mapping().mapsUid(user.uid()) && userns.mapping().mapsGid(user.gid())
        && user.additionalGids().stream().allMatch(g -> userns.mapping().mapsGid(g));
    if (!mapped) {
      throw new HoistException("USER " + userSpec + " (uid " + user.uid() + ", gid " + user.gid()
          + ") needs subordinate ids when not root: add a range for " + System.getProperty("user.name")
          + " to /etc/subuid and /etc/subgid and install uidmap");
    }
    return user;
  }

  private static List<String> environment(List<String> image, List<String> extra, ResolvedUser user) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : image) {
      int eq = kv.indexOf('=');
      env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.putIfAbsent("HOME", user.home());
    for (String kv : extra) {
      int eq = kv.indexOf('=');
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static List<String> allCapabilities() {
    List<String> all = new ArrayList<>(Capabilities.DOCKER_DEFAULT);
    for (String c : List.of("CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
        "CAP_SYS_TIME", "CAP_SYS_RESOURCE", "CAP_SYS_NICE", "CAP_DAC_READ_SEARCH", "CAP_LINUX_IMMUTABLE",
        "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_BOOT", "CAP_LEASE", "CAP_AUDIT_CONTROL", "CAP_MAC_ADMIN",
        "CAP_MAC_OVERRIDE", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ")) {
      all.add(c);
    }
    return all;
  }

  /** Deletes the run folder: a few small files on tmpfs, all this process' own. */
  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
