package dev.hoist.cli.store;

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

/** {@code hoist push LOCALREF [REMOTEREF]}: a stored image to a registry. */
@Command(name = "push", description = "Push an image from the local store to a registry.")
public final class PushCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LOCALREF")
  String local;

  @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTEREF",
      description = "Where to push (default: the local name).")
  String remote;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Allow plain http or unverified TLS for this registry (repeatable).")
  List<String> insecure = List.of();

  @Override
  public Integer call() throws Exception {
    RegistryClients clients = new RegistryClients(RegistryConfig.defaults().withInsecureRegistries(new HashSet<>(insecure)));
    CopiedImage pushed = new Transfers(store(), clients).push(local, Optional.ofNullable(remote));
    out().println("Pushed " + pushed.name().orElse("") + "@" + pushed.descriptor().digest());
    return 0;
  }
}
