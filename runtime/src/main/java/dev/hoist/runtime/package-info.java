/**
 * Runs commands in image file systems for RUN steps and {@code hoist run}.
 *
 * <p>A RUN step, as the builder drives it:
 *
 * <pre>{@code
 * ContainerRunner runner = ContainerRunner.system(runtimeFlag,
 *     new MountContext(home.resolve("cache-mounts"), Secrets.fromFlags(secretFlags), MountContext.sshFromEnvironment()),
 *     allowInsecure, progress::warn);
 * LayerSnapshots layers = new LayerSnapshots(home.resolve("snapshots"), runner.userNamespace(), progress::warn);
 * Snapshotter snapshotter = Snapshotter.auto(home.resolve("snapshots/work"), runner.userNamespace());
 * // ... per RUN step (close the snapshotter at the end of the build: it waits for removals)
 * try (LayerSnapshots.Lease lease = layers.acquire(StoreLayers.of(store, manifest.layers(), config));
 *      Snapshot snap = snapshotter.prepare(lease.lowers())) {
 *   RunResult r = runner.run(snap, new RunRequest(RunRequest.shellForm(shell, line), env, workdir, user,
 *       "buildkitsandbox", network, mounts, Output.lines(progress::line), platform, insecure));
 *   r.requireSuccess("Dockerfile:12");                 // RunFailedException: exit code + last lines
 *   Diff diff = snap.diff(r.mountTargets());          // entries: Upsert / Whiteout / OpaqueDir
 *   // write the layer from diff.root(): Upsert paths as they are (owners through
 *   // diff.idMapping(), xattrs without Diff.isInternalXattr ones), Whiteout as .wh.<name>,
 *   // OpaqueDir as <dir>/.wh..wh..opq
 * }
 * }</pre>
 *
 * <p>The layer just written becomes the next step's lower layer through {@code LayerSnapshots}
 * (keyed by chain ID), so the next RUN does not copy anything.
 */
package dev.hoist.runtime;
