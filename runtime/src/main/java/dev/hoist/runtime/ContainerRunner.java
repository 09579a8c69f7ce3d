package dev.hoist.runtime;

import dev.hoist.cache.fs.TreeRemover;
import dev.hoist.oci.HoistException;
import dev.hoist.runtime.engine.ContainerRuntime;
import dev.hoist.runtime.engine.Crun;
import dev.hoist.runtime.engine.RuntimeLocator;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.MountPlanner;
import dev.hoist.runtime.mount.PlannedMounts;
import dev.hoist.runtime.platform.EmulationSupport;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.spec.Capabilities;
import dev.hoist.runtime.spec.HostTerminal;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one command in a {@link Snapshot}: resolves the user through the image's passwd/group,
 * realises the RUN mounts, writes the spec to a private run folder, and starts the runtime in a
 * fresh mount namespace ({@code unshare --mount}, plus a user namespace when rootless) where the
 * snapshot's overlay is mounted first, so nothing stays mounted when the process ends, however it
 * ends. The builder and {@code hoist run} share this.
 */
public final class ContainerRunner {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Whether this process has said that crun refuses the host: once is enough, however many runners fall back. */
  private static final AtomicBoolean WARNED_HYBRID = new AtomicBoolean();

  private final List<ContainerRuntime> fallbacks;
  private final UserNamespace userns;
  private final MountContext mountContext;
  private final EmulationSupport emulation;
  private final boolean allowInsecure;
  private final Consumer<String> warnings;
  private volatile ContainerRuntime runtime;

  /**
   * A runner over {@code runtime}; should crun refuse the host's cgroups, it warns through {@code
   * warnings} (once per process) and moves on to the next of {@code fallbacks}.
   */
  public ContainerRunner(ContainerRuntime runtime, List<ContainerRuntime> fallbacks, UserNamespace userns,
      MountContext mountContext, EmulationSupport emulation, boolean allowInsecure, Consumer<String> warnings) {
    this.runtime = runtime;
    this.fallbacks = new ArrayList<>(fallbacks);
    this.userns = userns;
    this.mountContext = mountContext;
    this.emulation = emulation;
    this.allowInsecure = allowInsecure;
    this.warnings = warnings;
  }

  /** A runner over exactly {@code runtime}, with no fallback. */
  public ContainerRunner(ContainerRuntime runtime, UserNamespace userns, MountContext mountContext,
      EmulationSupport emulation, boolean allowInsecure) {
    this(runtime, List.of(), userns, mountContext, emulation, allowInsecure, w -> { });
  }

  /**
   * A runner for this process' user with the runtime {@code --runtime} names, or else the best
   * found (crun, runc, bwrap) with the others as fallbacks.
   */
  public static ContainerRunner system(Optional<String> runtimeName, MountContext mounts, boolean allowInsecure,
      Consumer<String> warnings) {
    RuntimeLocator locator = RuntimeLocator.system();
    ContainerRuntime runtime = locator.locate(runtimeName);
    return new ContainerRunner(runtime, runtimeName.isPresent() ? List.of() : locator.fallbacks(runtime),
        UserNamespace.detect(), mounts, EmulationSupport.system(), allowInsecure, warnings);
  }

  /** The runtime the next run uses. */
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
    try (PlannedMounts planned = new MountPlanner(mountContext, userns).plan(request.mounts(), runDir)) {
      List<SpecMount> mounts = new ArrayList<>(DefaultMounts.of(userns.rootless(), request.network() == NetworkMode.NONE));
      mounts.addAll(HostNetworkFiles.write(runDir, request.hostname(), request.network()));
      mounts.addAll(planned.mounts());
      boolean terminal = request.output() instanceof Output.Inherit inherit && inherit.terminal();
      ContainerSpec spec = new ContainerSpec(snapshot.rootfs(), request.args(),
          ProcessEnvironment.of(request.env(), planned.env(), user, terminal), request.workdir(), user.uid(), user.gid(),
          user.additionalGids().stream().map(Integer::longValue).toList(), request.hostname(), mounts,
          request.network() == NetworkMode.NONE,
          request.insecure() ? Capabilities.ALL : Capabilities.DOCKER_DEFAULT, !request.insecure(),
          terminal, terminal ? HostTerminal.size() : Optional.empty());
      Path bundle = Files.createDirectory(runDir.resolve("bundle"));
      Path state = Files.createDirectory(runDir.resolve("state"));
      OciConfig.write(spec, bundle);
      while (true) {
        ContainerRuntime current = runtime;
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String id = "hoist-" + HexFormat.of().formatHex(random);
        List<String> command = NamespacedCommand.of(userns, snapshot.overlay(), current.namespaceSetup(),
            current.command(spec, bundle, state, id));
        Optional<RunResult> result = execute(current, command, request.output(), spec.mountTargets());
        if (result.isPresent()) {
          return result.get();
        }
        fallBackFrom(current);
      }
    } finally {
      TreeRemover.delete(runDir);
    }
  }

  /** Moves past a crun that refused the host's cgroups, or explains that there is nothing to move to. */
  private synchronized void fallBackFrom(ContainerRuntime refused) {
    if (runtime != refused) {
      return;
    }
    if (fallbacks.isEmpty()) {
      throw new HoistException("crun refuses this host's hybrid cgroups (" + Crun.HYBRID_CGROUPS_ERROR
          + "); use --runtime runc or bwrap");
    }
    runtime = fallbacks.remove(0);
    if (WARNED_HYBRID.compareAndSet(false, true)) {
      warnings.accept("warning: crun refuses this host's hybrid cgroups; using " + runtime.name());
    }
  }

  /** The result, or empty when crun refused the host before starting anything. */
  private Optional<RunResult> execute(ContainerRuntime current, List<String> command, Output output,
      List<String> mountTargets) throws IOException {
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
        Consumer<String> sink = current instanceof Crun
            ? line -> {
              if (!line.contains(Crun.HYBRID_CGROUPS_ERROR)) {
                lines.lines().accept(line);
              }
            }
            : lines.lines();
        OutputPump pump = new OutputPump(sink, lines.tailLines());
        pump.pump(p.getInputStream());
        tail = pump.tail();
      }
      int code = p.waitFor();
      if (code != 0 && current instanceof Crun && tail.stream().anyMatch(l -> l.contains(Crun.HYBRID_CGROUPS_ERROR))) {
        return Optional.empty();
      }
      int failed = tail.indexOf(NamespacedCommand.SETUP_FAILED);
      if (code == 125 && failed >= 0) {
        int cause = failed - 1;
        while (cause > 0 && tail.get(cause).startsWith(" ")) {
          cause--;
        }
        throw new HoistException(NamespacedCommand.SETUP_FAILED + (cause >= 0 ? ": " + tail.get(cause).strip() : ""));
      }
      return Optional.of(new RunResult(code, tail, current.name(), mountTargets));
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

  /**
   * The user {@code userSpec} names in the snapshot's passwd/group (root when blank); fails when the
   * image lacks it or the user namespace cannot map its ids.
   */
  public ResolvedUser resolveUser(Snapshot snapshot, String userSpec) throws IOException {
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
}
