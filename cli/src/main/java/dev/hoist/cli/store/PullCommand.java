package dev.hoist.cli.store;

import dev.hoist.oci.Platform;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.transfer.CopiedImage;
import dev.hoist.transfer.Transfers;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hoist pull REF}: an image from its registry into the store. */
@Command(name = "pull", description = "Pull an image from a registry into the local store.")
public final class PullCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF")
  String ref;

  @Option(names = "--platform", description = "Which platform of a multi-platform image (default: this host).")
  String platform;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Allow plain http or unverified TLS for this registry (repeatable).")
  List<String> insecure = List.of();

  @Override
  public Integer call() throws Exception {
    RegistryClients clients = new RegistryClients(RegistryConfig.defaults().withInsecureRegistries(new HashSet<>(insecure)));
    CopiedImage pulled = new Transfers(store(), clients).pull(ref, Optional.ofNullable(platform).map(Platform::parse));
    out().println("Pulled " + pulled.name().orElse(ref) + " " + pulled.descriptor().digest());
    return 0;
  }
}
