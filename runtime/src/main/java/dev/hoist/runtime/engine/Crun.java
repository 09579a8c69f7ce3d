package dev.hoist.runtime.engine;

import dev.hoist.runtime.spec.ContainerSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * crun, with the cgroup manager disabled: a build step needs no cgroup of its own. On hosts with
 * hybrid cgroups and controllers in the v2 hierarchy, crun 1.8 refuses to start even so; with
 * {@code hideV2Controllers} the runner's private mount namespace gets an empty {@code
 * /sys/fs/cgroup/unified/cgroup.controllers} (a bind of /dev/null, seen by nothing else), and crun
 * runs.
 */
public record Crun(Path executable, boolean hideV2Controllers) implements ContainerRuntime {
  /** What crun 1.8 prints and exits with on hosts with hybrid cgroups. */
  public static final String HYBRID_CGROUPS_ERROR = "cgroups in hybrid mode not supported";

  @Override
  public String name() {
    return "crun";
  }

  @Override
  public List<List<String>> namespaceSetup() {
    return hideV2Controllers
        ? List.of(List.of("mount", "--bind", "/dev/null", CgroupMode.V2_CONTROLLERS.toString()))
        : List.of();
  }


  @Override
  public List<String> command(ContainerSpec spec, Path bundle, Path state, String containerId) {
    return List.of(executable.toString(), "--root", state.toString(), "--cgroup-manager=disabled",
        "run", "--bundle", bundle.toString(), containerId);
  }
}
