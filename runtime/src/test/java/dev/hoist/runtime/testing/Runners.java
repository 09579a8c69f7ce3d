package dev.hoist.runtime.testing;

import dev.hoist.runtime.ContainerRunner;
import dev.hoist.runtime.engine.RuntimeLocator;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.platform.EmulationSupport;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Runners over the real runtimes of this machine, skipping with a reason where one is missing. */
public final class Runners {
  private Runners() {}

  public static ContainerRunner runc(Path cacheRoot, Secrets secrets) {
    return with("runc", cacheRoot, secrets);
  }

  public static ContainerRunner with(String runtime, Path cacheRoot, Secrets secrets) {
    Assumptions.assumeTrue(new RuntimeLocatorProbe().has(runtime), runtime + " is not installed");
    return new ContainerRunner(RuntimeLocator.system().locate(Optional.of(runtime)), UserNamespace.detect(),
        new MountContext(cacheRoot, secrets, Map.of()), EmulationSupport.system(), false);
  }

  private static final class RuntimeLocatorProbe {
    boolean has(String name) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
        if (java.nio.file.Files.isExecutable(Path.of(dir, name))) {
          return true;
        }
      }
      return false;
    }
  }
}
