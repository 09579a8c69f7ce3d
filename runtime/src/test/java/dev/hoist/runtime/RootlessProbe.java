package dev.hoist.runtime;

import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.platform.EmulationSupport;
import dev.hoist.runtime.engine.RuntimeLocator;
import dev.hoist.runtime.snapshot.Diff;
import dev.hoist.runtime.snapshot.DiffEntry;
import dev.hoist.runtime.snapshot.LowerStack;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.Snapshotter;
import dev.hoist.runtime.testing.BusyboxRootfs;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs as a non-root user (started by {@link RootlessTest} through runuser): a RUN as root and one
 * as USER app over overlayfs in a user namespace, printing what it saw for the test to check.
 */
public final class RootlessProbe {
  private RootlessProbe() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Path base = BusyboxRootfs.create(work.resolve("base"));
    UserNamespace userns = args[2].equals("single") ? UserNamespace.singleId() : UserNamespace.detect();
    System.out.println("rootless " + userns.rootless() + " ranges " + userns.mapping().uids().size());
    Snapshotter snapshotter = Snapshotter.auto(work.resolve("snaps"), userns);
    System.out.println("snapshotter " + snapshotter.kind());
    ContainerRunner runner = new ContainerRunner(RuntimeLocator.system().locate(Optional.of(args[1])),
        userns, new MountContext(work.resolve("cache"), Secrets.none(), Map.of()), EmulationSupport.system(), false);
    try (snapshotter; Snapshot snap = snapshotter.prepare(new LowerStack(List.of(base)))) {
      RunResult asRoot = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c",
          "id -u; rm /data/gone.txt; echo r > /by-root"), Output.lines(l -> System.out.println("out " + l))));
      System.out.println("exit " + asRoot.exitCode());
      try {
        RunResult asApp = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c", "id -u; echo a > /tmp/by-app"),
            Output.lines(l -> System.out.println("out " + l))).withUser("app"));
        System.out.println("exit " + asApp.exitCode());
      } catch (dev.hoist.oci.HoistException e) {
        System.out.println("error " + e.getMessage());
      }
      Diff diff = snap.diff(asRoot.mountTargets());
      for (DiffEntry e : diff.entries()) {
        String owner = "";
        if (e instanceof DiffEntry.Upsert) {
          Map<String, Object> a = Files.readAttributes(diff.resolve(e), "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
          owner = " " + diff.idMapping().containerUid((Integer) a.get("uid")) + ":" + diff.idMapping().containerGid((Integer) a.get("gid"));
        }
        System.out.println("entry " + e + owner);
      }
    }
  }
}
