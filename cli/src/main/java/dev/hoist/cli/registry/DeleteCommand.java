package dev.hoist.cli.registry;

import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist delete REF}: deletes a manifest (and so every tag naming it) from its registry. */
@Command(name = "delete", description = "Delete an image's manifest from the registry.")
public final class DeleteCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REF", description = "Image reference (tag or digest).")
  String reference;

  @Override
  public void run() {
    ImageReference ref = References.parse(reference);
    Digest d = registry.clients().repository(ref).deleteManifest(ref.manifestReference());
    spec.commandLine().getOut().println("Deleted " + ref.repositoryOnly().name() + "@" + d);
  }
}
