package dev.hoist.cli.registry;

import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of every command that talks to registries (the registry verbs, build, run): insecure registries and parallelism. */
public final class RegistryOptions {
  @Option(names = "--insecure-registry", paramLabel = "HOST:PORT",
      description = "Allow plain http or unverified TLS for this registry (repeatable).")
  List<String> insecure = new ArrayList<>();

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "" + RegistryConfig.DEFAULT_PARALLEL_TRANSFERS,
      description = "Blobs transferred in parallel per registry (default: ${DEFAULT-VALUE}).")
  int jobs;

  /** The registry configuration these options describe, on top of the process defaults. */
  public RegistryConfig config() {
    if (jobs < 1) {
      throw new dev.hoist.cli.UsageException("--jobs must be at least 1");
    }
    return RegistryConfig.defaults().withInsecureRegistries(new HashSet<>(insecure)).withParallelTransfers(jobs);
  }

  public RegistryClients clients() {
    return new RegistryClients(config());
  }
}
