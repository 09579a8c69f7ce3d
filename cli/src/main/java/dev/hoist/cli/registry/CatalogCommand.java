package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.oci.Json;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist catalog REGISTRY}: lists a registry's repositories. */
@Command(name = "catalog", description = "List the repositories of a registry.")
public final class CatalogCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "HOST[:PORT]")
  String host;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public void run() {
    String h = host.startsWith("docker://") ? host.substring(9) : host;
    if (h.isEmpty() || h.contains("/") || !h.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new UsageException("'" + host + "' is not a registry host (want HOST[:PORT])");
    }
    List<String> repos = registry.clients().forRegistry(h).catalog();
    if (format == OutputFormat.json) {
      spec.commandLine().getOut().println(Json.writePretty(Map.of("repositories", repos)));
    } else {
      repos.forEach(spec.commandLine().getOut()::println);
    }
  }
}
