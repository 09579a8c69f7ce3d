package dev.hoist.runtime.engine;

import dev.hoist.runtime.spec.ContainerSpec;
import java.nio.file.Path;
import java.util.List;

/** runc; it skips cgroups by itself when it runs rootless, and the spec asks for none. */
public record Runc(Path executable) implements ContainerRuntime {
  @Override
  public String name() {
    return "runc";
  }


  @Override
  public List<String> command(ContainerSpec spec, Path bundle, Path state, String containerId) {
    return List.of(executable.toString(), "--root", state.toString(), "run", "--bundle", bundle.toString(), containerId);
  }
}
