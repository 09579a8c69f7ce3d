package dev.hoist.cli.store;

import dev.hoist.oci.Platform;
import dev.hoist.transfer.RootfsExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hoist export REF -o DIR|FILE}: the image's flattened rootfs, as a directory or a tar. */
@Command(name = "export", description = "Export an image's flattened rootfs to a directory or a tar file.")
public final class ExportCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF")
  String ref;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR|FILE",
      description = "An existing directory or a path ending in '/' gets the files; any other path a tar.")
  String output;

  @Option(names = "--platform", description = "For multi-platform images, which platform.")
  String platform;

  @Override
  public Integer call() throws Exception {
    Path target = Path.of(output);
    Optional<Platform> p = Optional.ofNullable(platform).map(Platform::parse);
    RootfsExporter exporter = new RootfsExporter(store());
    List<String> warnings = output.endsWith("/") || Files.isDirectory(target)
        ? exporter.toDirectory(ref, p, target) : exporter.toTar(ref, p, target);
    warnings.forEach(w -> err().println("hoist: warning: " + w));
    return 0;
  }
}
