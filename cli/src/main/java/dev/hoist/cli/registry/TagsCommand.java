package dev.hoist.cli.registry;

import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist tags REPO}: lists a repository's tags. */
@Command(name = "tags", description = "List the tags of a repository.")
public final class TagsCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REPO", description = "REGISTRY/REPOSITORY")
  String repository;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public void run() {
    ImageReference ref = References.repository(repository);
    List<String> tags = registry.clients().repository(ref).tags();
    if (format == OutputFormat.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("name", ref.name());
      out.put("tags", tags);
      spec.commandLine().getOut().println(Json.writePretty(out));
    } else {
      tags.forEach(spec.commandLine().getOut()::println);
    }
  }
}
