package dev.hoist.runtime.engine;

import dev.hoist.runtime.spec.ContainerSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * An OCI runtime hoist can drive: the command line that runs {@code spec} in the foreground, with
 * the container's stdio on the command's stdio, exiting with the process' status. {@code bundle}
 * holds {@code config.json}; {@code state} is a private folder for the runtime's state.
 */
public sealed interface ContainerRuntime permits Crun, Runc, Bubblewrap {
  /** The name {@code --runtime} takes: crun, runc or bwrap. */
  String name();

  /** The absolute path of the executable. */
  Path executable();

  /** Whether the runtime reads {@code config.json} (crun, runc) rather than arguments (bwrap). */
  boolean readsBundle();

  List<String> command(ContainerSpec spec, Path bundle, Path state, String containerId);
}
