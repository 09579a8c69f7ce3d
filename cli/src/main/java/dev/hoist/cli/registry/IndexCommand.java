package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.index.IndexAssembler;
import dev.hoist.registry.index.IndexFormat;
import dev.hoist.registry.manifest.RawManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist index create|append}: multi-platform indexes from images already pushed. */
@Command(name = "index", description = "Assemble multi-platform indexes from pushed images.",
    subcommands = {IndexCommand.Create.class, IndexCommand.Append.class})
public final class IndexCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: create or append");
  }

  static Map<String, String> annotations(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--annotation wants KEY=VALUE, got '" + pair + "'");
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }

  /** {@code hoist index create TARGET SRC...}. */
  @Command(name = "create", description = "Push an index naming SRC images (platform taken from each config).")
  public static final class Create implements Runnable {
    @Spec CommandSpec spec;
    @Mixin RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Where to push the index.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SRC", description = "Images (or indexes) to include.")
    List<String> sources;

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Index annotation (repeatable).")
    List<String> annotations = new java.util.ArrayList<>();

    @Option(names = "--format", defaultValue = "oci", paramLabel = "oci|docker",
        description = "OCI image index or Docker manifest list (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void run() {
      IndexFormat f = switch (format.toLowerCase(Locale.ROOT)) {
        case "oci" -> IndexFormat.OCI;
        case "docker" -> IndexFormat.DOCKER;
        default -> throw new UsageException("--format wants oci or docker, got '" + format + "'");
      };
      ImageReference t = References.parse(target);
      List<ImageReference> srcs = sources.stream().map(References::parse).toList();
      RawManifest m = new IndexAssembler(registry.clients()).create(t, srcs, annotations(annotations), f);
      spec.commandLine().getOut().println(m.digest());
    }
  }

  /** {@code hoist index append TARGET SRC...}. */
  @Command(name = "append", description = "Add images to an existing index (same platform replaced).")
  public static final class Append implements Runnable {
    @Spec CommandSpec spec;
    @Mixin RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The index to extend.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SRC", description = "Images to add.")
    List<String> sources;

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Index annotation (repeatable).")
    List<String> annotations = new java.util.ArrayList<>();

    @Override
    public void run() {
      ImageReference t = References.parse(target);
      List<ImageReference> srcs = sources.stream().map(References::parse).toList();
      RawManifest m = new IndexAssembler(registry.clients()).append(t, srcs, annotations(annotations));
      spec.commandLine().getOut().println(m.digest());
    }
  }
}
