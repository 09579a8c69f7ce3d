package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import dev.hoist.registry.copy.CopyListener;
import dev.hoist.registry.copy.CopyResult;
import dev.hoist.registry.copy.PlatformSelection;
import dev.hoist.registry.copy.RegistryCopier;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hoist cp SRC DST}: copies an image between registries, blobs first (in parallel, streamed,
 * mounted within one registry, skipped when present), then manifests.
 */
@Command(name = "cp", description = "Copy an image from one registry reference to another.")
public final class CpCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "SRC", description = "Source: REF or docker://REF.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "Target: REF or docker://REF.")
  String target;

  @Option(names = "--all-platforms", description = "Copy a whole multi-platform index.")
  boolean allPlatforms;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "From an index, copy only this platform's image (default: this machine's).")
  String platform;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public void run() {
    if (allPlatforms && platform != null) {
      throw new UsageException("--all-platforms and --platform exclude each other");
    }
    ImageReference src = References.parse(source);
    ImageReference dst = References.parse(target);
    PlatformSelection selection = allPlatforms ? PlatformSelection.all()
        : References.platform(platform).map(PlatformSelection::of).orElse(PlatformSelection.host());
    CopyResult r = new RegistryCopier(registry.clients()).copy(src, dst, selection, CopyListener.NONE);
    if (format == OutputFormat.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("source", src.toString());
      out.put("target", dst.toString());
      out.put("digest", r.digest().toString());
      out.put("mediaType", r.mediaType());
      out.put("uploaded", r.uploaded());
      out.put("mounted", r.mounted());
      out.put("existed", r.existed());
      spec.commandLine().getOut().println(Json.writePretty(out));
    } else {
      spec.commandLine().getOut().println("Copied " + src + " to " + dst + "@" + r.digest() + " (blobs: "
          + r.uploaded() + " uploaded, " + r.mounted() + " mounted, " + r.existed() + " already there)");
    }
  }
}
