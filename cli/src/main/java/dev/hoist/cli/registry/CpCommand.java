package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.cli.store.CopyEndpoints;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import dev.hoist.oci.Platform;
import dev.hoist.registry.copy.CopyListener;
import dev.hoist.registry.copy.CopyResult;
import dev.hoist.registry.copy.PlatformSelection;
import dev.hoist.registry.copy.ReferrerPolicy;
import dev.hoist.registry.copy.RegistryCopier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hoist cp SRC DST}: copies an image between registries, blobs first (in parallel, streamed,
 * mounted within one registry, skipped when present), then manifests, then with {@code --referrers}
 * the artifacts that refer to them. Progress goes to stderr, the result line (or JSON) to stdout.
 */
@Command(name = "cp", description = {"Copy an image between registries, the local store and files.",
    "SRC and DST: REF or docker://REF (a registry), store:NAME, oci:DIR[:NAME], oci-archive:FILE, docker-archive:FILE."})
public final class CpCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "SRC", description = "Source image.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "Target image.")
  String target;

  @Option(names = "--all-platforms", description = "Copy a whole multi-platform index.")
  boolean allPlatforms;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "From an index, copy only this platform's image (default: this machine's).")
  String platform;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = {"-r", "--referrers"},
      description = "Also copy the artifacts that refer to the image (signatures, SBOMs, attestations), recursively.")
  boolean referrers;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "auto, plain or quiet: a line on stderr per blob and manifest copied (default: ${DEFAULT-VALUE}).")
  String progress;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress (same as --progress quiet).")
  boolean quiet;

  private static String strip(String spec) {
    return spec.startsWith("docker://") ? spec.substring("docker://".length()) : spec;
  }

  private boolean showProgress() {
    return switch (progress) {
      case "auto", "plain" -> !quiet;
      case "quiet" -> false;
      default -> throw new UsageException("--progress must be auto, plain or quiet, not " + progress);
    };
  }

  @Override
  public void run() {
    if (allPlatforms && platform != null) {
      throw new UsageException("--all-platforms and --platform exclude each other");
    }
    boolean showProgress = showProgress();
    if (CopyEndpoints.handles(source) || CopyEndpoints.handles(target)) {
      if (referrers) {
        throw new UsageException("--referrers copies between registries only");
      }
      Optional<Platform> only = allPlatforms ? Optional.empty()
          : Optional.of(References.platform(platform).orElse(Platform.host()));
      try {
        CopyEndpoints.copy(strip(source), strip(target), only, registry.clients(), spec.commandLine().getOut());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    ImageReference src = References.parse(source);
    ImageReference dst = References.parse(target);
    PlatformSelection selection = allPlatforms ? PlatformSelection.all()
        : References.platform(platform).map(PlatformSelection::of).orElse(PlatformSelection.host());
    CopyListener listener = showProgress ? new CopyProgress(spec.commandLine().getErr(), src.repository())
        : CopyListener.NONE;
    CopyResult r = new RegistryCopier(registry.clients()).copy(src, dst, selection,
        referrers ? ReferrerPolicy.COPY : ReferrerPolicy.SKIP, listener);
    if (format == OutputFormat.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("source", src.toString());
      out.put("target", dst.toString());
      out.put("digest", r.digest().toString());
      out.put("mediaType", r.mediaType());
      out.put("uploaded", r.uploaded());
      out.put("mounted", r.mounted());
      out.put("existed", r.existed());
      if (referrers) {
        out.put("referrers", r.referrers());
      }
      spec.commandLine().getOut().println(Json.writePretty(out));
    } else {
      spec.commandLine().getOut().println("Copied " + src + " to " + dst + "@" + r.digest() + " (blobs: "
          + r.uploaded() + " uploaded, " + r.mounted() + " mounted, " + r.existed() + " already there"
          + (referrers ? "; referrers: " + r.referrers() : "") + ")");
    }
  }
}
