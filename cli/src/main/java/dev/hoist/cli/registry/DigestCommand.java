package dev.hoist.cli.registry;

import dev.hoist.oci.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist digest REF}: prints the digest of the manifest a reference names. */
@Command(name = "digest", description = "Print the digest of an image's manifest (or index).")
public final class DigestCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REF", description = "Image reference.")
  String reference;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "For an index, print the digest of this platform's manifest.")
  String platform;

  @Override
  public void run() {
    ImageReference ref = References.parse(reference);
    var m = References.resolve(registry.clients().repository(ref), ref, References.platform(platform), false);
    spec.commandLine().getOut().println(m.digest());
  }
}
