package dev.hoist.cli.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Json;
import dev.hoist.oci.Platform;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hoist inspect REF}: an image's config and manifest summary as JSON. */
@Command(name = "inspect", description = "Show an image's config and manifest summary.")
public final class InspectCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF")
  String ref;

  @Option(names = "--platform", description = "For a multi-platform image, which platform (default: this host).")
  String platform;

  @Override
  public Integer call() throws Exception {
    StoreImage image = StoreImage.resolve(store(), ref, Optional.ofNullable(platform).map(Platform::parse));
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("Name", image.stored().name());
    o.put("Id", image.manifest().config().digest().toString());
    o.put("Digest", image.stored().descriptor().digest().toString());
    o.put("MediaType", image.stored().descriptor().mediaType());
    o.put("ManifestDigest", image.manifestDescriptor().digest().toString());
    o.put("Created", image.config().created());
    o.put("Platform", image.config().platform().toString());
    o.put("Author", image.config().author());
    o.put("Size", image.size());
    o.set("Config", Json.mapper().valueToTree(image.config().config()));
    ArrayNode layers = o.putArray("Layers");
    for (int i = 0; i < image.manifest().layers().size(); i++) {
      Descriptor l = image.manifest().layers().get(i);
      ObjectNode n = layers.addObject();
      n.put("Digest", l.digest().toString());
      n.put("Size", l.size());
      n.put("MediaType", l.mediaType());
      if (i < image.config().rootfs().diffIds().size()) {
        n.put("DiffID", image.config().rootfs().diffIds().get(i).toString());
      }
    }
    out().println(Json.writePretty(o));
    return 0;
  }
}
