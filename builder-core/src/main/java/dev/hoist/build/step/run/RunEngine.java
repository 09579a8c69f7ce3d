package dev.hoist.build.step.run;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.runtime.ContainerRunner;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.snapshot.LayerSnapshots;
import dev.hoist.runtime.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The machinery of a build's RUN steps, made on the first RUN and shared by all of them: the
 * container runner, the store's layer snapshots (one folder per chain ID under {@code
 * snapshots/}) and the snapshotter (overlayfs, or the copy fallback). Cache mounts live under
 * {@code cache-mounts/}, as for {@code hoist run}. Close it when the build ends: that starts removing
 * the snapshots kept for reuse.
 */
public final class RunEngine implements AutoCloseable {
  private final LocalStore store;
  private final RunSettings settings;
  private final Consumer<String> warnings;
  private Parts parts;

  /** The runner, layer folders and snapshotter, once made. */
  public record Parts(ContainerRunner runner, LayerSnapshots layers, Snapshotter snapshotter) {}

  public RunEngine(LocalStore store, RunSettings settings, Consumer<String> warnings) {
    this.store = store;
    this.settings = settings;
    this.warnings = warnings;
  }

  public RunSettings settings() {
    return settings;
  }

  /** The parts, made on first use. */
  public synchronized Parts parts() throws IOException {
    if (parts == null) {
      Path home = store.home();
      ContainerRunner runner = ContainerRunner.system(settings.runtime(),
          new MountContext(home.resolve("cache-mounts"), settings.secrets(), settings.sshSockets()),
          settings.allowInsecure(), warnings);
      parts = new Parts(runner, new LayerSnapshots(home.resolve("snapshots"), runner.userNamespace(), warnings),
          Snapshotter.auto(home.resolve("snapshots/work"), runner.userNamespace()));
    }
    return parts;
  }

  /** Starts removing the snapshots kept between RUN steps (without waiting, as for every finished snapshot). */
  @Override
  public synchronized void close() {
    if (parts != null) {
      parts.snapshotter().dropKept();
    }
  }
}
