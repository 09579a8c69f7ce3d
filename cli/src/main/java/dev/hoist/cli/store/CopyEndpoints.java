package dev.hoist.cli.store;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Platform;
import dev.hoist.registry.RegistryClients;
import dev.hoist.transfer.CopiedImage;
import dev.hoist.transfer.Endpoint;
import dev.hoist.transfer.Transfers;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * For {@code hoist cp}: whether a spec is one of the file/store transports ({@code oci-archive:},
 * {@code docker-archive:}, {@code oci:}, {@code store:}), and the copy when either side is.
 */
public final class CopyEndpoints {
  private static final List<String> PREFIXES = List.of("oci-archive:", "docker-archive:", "oci:", "store:");

  private CopyEndpoints() {}

  /** Whether {@code spec} names a store or file endpoint rather than a registry. */
  public static boolean handles(String spec) {
    return PREFIXES.stream().anyMatch(spec::startsWith);
  }

  /**
   * Copies {@code from} to {@code to} (either may also be a registry reference, reached through
   * {@code registries}) and prints what was copied.
   */
  public static void copy(String from, String to, Optional<Platform> platform, RegistryClients registries,
      PrintWriter out) throws IOException {
    Transfers transfers = new Transfers(LocalStore.open(LocalStore.defaultHome()), registries);
    for (CopiedImage c : transfers.copy(Endpoint.parse(from), Endpoint.parse(to), platform)) {
      out.println("Copied " + c.name().orElse("") + " " + c.descriptor().digest());
    }
  }
}
