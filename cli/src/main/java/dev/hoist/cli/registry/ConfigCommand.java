package dev.hoist.cli.registry;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist config REF}: prints an image's config blob (verified against its digest). */
@Command(name = "config", description = "Print an image's config JSON.")
public final class ConfigCommand implements Runnable {
  private static final int MAX_CONFIG = 16 * 1024 * 1024;
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REF", description = "Image reference.")
  String reference;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from an index (default: this machine's).")
  String platform;

  @Override
  public void run() {
    ImageReference ref = References.parse(reference);
    Repository repo = registry.clients().repository(ref);
    RawManifest m = References.resolve(repo, ref, References.platform(platform), true);
    var config = m.manifest().config();
    if (config.size() > MAX_CONFIG) {
      throw new HoistException("config of " + ref + " is " + config.size() + " bytes; refusing to print more than " + MAX_CONFIG);
    }
    try (InputStream in = repo.openBlob(config)) {
      spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new HoistException("registry " + ref.registry() + ": repository " + ref.repository()
          + ": reading config " + config.digest() + " failed: " + e.getMessage(), e);
    }
  }
}
