package dev.hoist.cli.store;

import dev.hoist.oci.Platform;
import dev.hoist.transfer.ArchiveFormat;
import dev.hoist.transfer.CopiedImage;
import dev.hoist.transfer.Transfers;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hoist save REF... -o FILE}: images into an OCI archive or a {@code docker load} archive. */
@Command(name = "save", description = "Save images to an OCI or docker archive.")
public final class SaveCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "REF")
  List<String> refs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
  Path output;

  @Option(names = "--format", defaultValue = "oci", paramLabel = "oci|docker",
      description = "oci (an OCI image layout in a tar) or docker (docker load compatible). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--platform", description = "For multi-platform images, which platform to save.")
  String platform;

  @Override
  public Integer call() throws Exception {
    ArchiveFormat f = switch (format.toLowerCase(Locale.ROOT)) {
      case "oci" -> ArchiveFormat.OCI;
      case "docker" -> ArchiveFormat.DOCKER;
      default -> throw new dev.hoist.cli.UsageException("--format must be oci or docker, not " + format);
    };
    List<CopiedImage> saved = new Transfers(store()).save(refs, output, f,
        Optional.ofNullable(platform).map(Platform::parse));
    for (CopiedImage c : saved) {
      out().println("Saved " + c.name().orElse(c.descriptor().digest().toString()));
    }
    return 0;
  }
}
