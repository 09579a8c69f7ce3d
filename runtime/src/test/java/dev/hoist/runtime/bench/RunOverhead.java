package dev.hoist.runtime.bench;

import dev.hoist.runtime.ContainerRunner;
import dev.hoist.runtime.Output;
import dev.hoist.runtime.RunRequest;
import dev.hoist.runtime.RunResult;
import dev.hoist.runtime.engine.RuntimeLocator;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.platform.EmulationSupport;
import dev.hoist.runtime.snapshot.LowerStack;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.Snapshotter;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-RUN cost of hoist's run path, for {@code bench/run-overhead.sh}: {@code true} run N
 * times over a rootfs, each time a full step (overlay snapshot, spec, runtime in a private mount
 * namespace, diff, cleanup). Prints the minimum and median milliseconds per step after a warm-up
 * (the minimum is the figure that survives a busy machine).
 *
 * <p>Arguments: rootfs dir, work dir, runtime name, snapshotter (OVERLAY|COPY), iterations.
 */
public final class RunOverhead {
  private RunOverhead() {}

  public static void main(String[] args) throws Exception {
    Path rootfs = Path.of(args[0]);
    Path work = Path.of(args[1]);
    String runtime = args[2];
    Snapshotter.Kind kind = Snapshotter.Kind.valueOf(args[3]);
    int n = Integer.parseInt(args[4]);
    UserNamespace userns = UserNamespace.detect();
    ContainerRunner runner = new ContainerRunner(RuntimeLocator.system().locate(Optional.of(runtime)),
        userns, new MountContext(work.resolve("cache"), Secrets.none(), Map.of()), EmulationSupport.system(), false);
    Snapshotter snapshotter = new Snapshotter(kind, work.resolve("snaps"), userns);
    LowerStack lowers = new LowerStack(List.of(rootfs));
    for (int i = 0; i < 10; i++) {
      step(runner, snapshotter, lowers);
    }
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      step(runner, snapshotter, lowers);
      times[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(times);
    System.out.printf("hoist %s %s: min %.1f ms, median %.1f ms per RUN true (%d runs)%n", runtime,
        kind.name().toLowerCase(), times[0] / 1e6, times[n / 2] / 1e6, n);
  }

  private static void step(ContainerRunner runner, Snapshotter snapshotter, LowerStack lowers) throws Exception {
    try (Snapshot snap = snapshotter.prepare(lowers)) {
      RunResult r = runner.run(snap, RunRequest.of(List.of("true"), Output.lines(l -> { })));
      if (r.exitCode() != 0) {
        throw new IllegalStateException("true failed: " + r.outputTail());
      }
      snap.diff(r.mountTargets());
    }
  }
}
