package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.RawManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist tag REF NEWTAG}: gives an image another tag in the same repository, remotely. */
@Command(name = "tag", description = "Add a tag to an image in its repository (no download).")
public final class TagCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REF", description = "Image reference.")
  String reference;

  @Parameters(index = "1", paramLabel = "NEWTAG", description = "The new tag.")
  String newTag;

  @Override
  public void run() {
    ImageReference ref = References.parse(reference);
    if (!newTag.matches("[\\w][\\w.-]{0,127}")) {
      throw new UsageException("'" + newTag + "' is not a valid tag (letters, digits, '_', '.', '-', at most 128)");
    }
    Repository repo = registry.clients().repository(ref);
    RawManifest m = repo.manifest(ref.manifestReference());
    repo.putManifest(m.bytes(), m.mediaType(), newTag);
    spec.commandLine().getOut().println(ref.withTag(newTag) + "@" + m.digest());
  }
}
