package dev.hoist.runtime.engine;

import dev.hoist.runtime.spec.ContainerSpec;
import java.nio.file.Path;
import java.util.List;

/** crun, with the cgroup manager disabled: a build step needs no cgroup of its own. */
public record Crun(Path executable) implements ContainerRuntime {
  /** What crun 1.8 prints and exits with on hosts with hybrid cgroups. */
  public static final String HYBRID_CGROUPS_ERROR = "cgroups in hybrid mode not supported";

  @Override
  public String name() {
    return "crun";
  }

  @Override
  public boolean readsBundle() {
    return true;
  }

  @Override
  public List<String> command(ContainerSpec spec, Path bundle, Path state, String containerId) {
    return List.of(executable.toString(), "--root", state.toString(), "--cgroup-manager=disabled",
        "run", "--bundle", bundle.toString(), containerId);
  }
}
