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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-RUN cost of hoist's run path, for {@code bench/run-overhead.sh}: {@code true} run N
 * times as a full step (overlay snapshot, spec, runtime in a private mount namespace, diff,
 * cleanup), each step paired with a plain {@code runc run} of a ready bundle on the same rootfs so
 * that both see the same machine load. Prints min and median of each and the median of the
 * per-pair differences (the overhead), after a warm-up.
 *
 * <p>Arguments: rootfs dir, work dir, runtime name, snapshotter (OVERLAY|COPY), iterations, runc
 * bundle dir.
 */
public final class RunOverhead {
  private RunOverhead() {}

  public static void main(String[] args) throws Exception {
    Path rootfs = Path.of(args[0]);
    Path work = Path.of(args[1]);
    String runtime = args[2];
    Snapshotter.Kind kind = Snapshotter.Kind.valueOf(args[3]);
    int n = Integer.parseInt(args[4]);
    Path bundle = Path.of(args[5]);
    UserNamespace userns = UserNamespace.detect();
    ContainerRunner runner = new ContainerRunner(RuntimeLocator.system().locate(Optional.of(runtime)),
        userns, new MountContext(work.resolve("cache"), Secrets.none(), Map.of()), EmulationSupport.system(), false);
    LowerStack lowers = new LowerStack(List.of(rootfs));
    long[] hoist = new long[n];
    long[] plain = new long[n];
    long[] extra = new long[n];
    try (Snapshotter snapshotter = new Snapshotter(kind, work.resolve("snaps"), userns)) {
      for (int i = 0; i < 10; i++) {
        step(runner, snapshotter, lowers);
        plainRunc(bundle, work, "w" + i);
      }
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        plainRunc(bundle, work, "p" + i);
        long b = System.nanoTime();
        step(runner, snapshotter, lowers);
        long c = System.nanoTime();
        plain[i] = b - a;
        hoist[i] = c - b;
        extra[i] = hoist[i] - plain[i];
      }
    }
    Arrays.sort(hoist);
    Arrays.sort(plain);
    Arrays.sort(extra);
    System.out.printf("hoist %s %s: min %.1f ms, median %.1f ms per RUN true; paired runc run: min %.1f, median %.1f;"
        + " overhead (median of pair differences) %.1f ms (%d pairs)%n", runtime, kind.name().toLowerCase(),
        hoist[0] / 1e6, hoist[n / 2] / 1e6, plain[0] / 1e6, plain[n / 2] / 1e6, extra[n / 2] / 1e6, n);
  }

  private static void plainRunc(Path bundle, Path work, String id) throws Exception {
    Process p = new ProcessBuilder("runc", "--root", work.resolve("runc-state").toString(), "run", "-b", bundle.toString(), id)
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("runc run failed");
    }
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
