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

  List<String> command(ContainerSpec spec, Path bundle, Path state, String containerId);

  /**
   * Commands to run first in the private mount namespace the runtime starts in (each an argv);
   * empty for most runtimes.
   */
  default List<List<String>> namespaceSetup() {
    return List.of();
  }
}
