package dev.hoist.cli.registry;

import dev.hoist.oci.ImageReference;
import dev.hoist.registry.manifest.RawManifest;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist manifest REF}: prints a manifest exactly as the registry stores it. */
@Command(name = "manifest", description = "Print an image's manifest (or index) as stored in the registry.")
public final class ManifestCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REF", description = "Image reference.")
  String reference;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "For an index, print the manifest of this platform instead.")
  String platform;

  @Override
  public void run() {
    ImageReference ref = References.parse(reference);
    RawManifest m = References.resolve(registry.clients().repository(ref), ref, References.platform(platform), false);
    spec.commandLine().getOut().print(new String(m.bytes(), StandardCharsets.UTF_8));
    spec.commandLine().getOut().flush();
  }
}
