package dev.hoist.cli.store;

import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.MediaType.Compression;
import dev.hoist.oci.Platform;
import dev.hoist.transfer.RootfsImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hoist import ROOTFS NAME}: a rootfs tar or directory as a one-layer base image. */
@Command(name = "import", description = "Import a rootfs (tar, optionally compressed, or directory) as an image.")
public final class ImportCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ROOTFS")
  Path rootfs;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Option(names = "--platform", description = "The image's platform (default: this host).")
  String platform;

  @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
      description = "Apply a Dockerfile instruction to the config (CMD, ENTRYPOINT, ENV, WORKDIR, USER, LABEL, EXPOSE).")
  List<String> changes = new ArrayList<>();

  @Option(names = "--compression", defaultValue = "gzip", paramLabel = "gzip|zstd|none")
  String compression;

  @Override
  public Integer call() throws Exception {
    if (!rootfs.toFile().exists()) {
      throw new dev.hoist.oci.HoistException("no such rootfs: " + rootfs);
    }
    Compression c = Compressions.parse(compression);
    Descriptor d = new RootfsImporter(store(), LayerWriter.defaults().withCompression(c)).importRootfs(rootfs, name,
        platform == null ? Platform.host() : Platform.parse(platform), changes);
    out().println(d.digest());
    return 0;
  }
}
