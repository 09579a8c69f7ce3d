package dev.hoist.cli.build;

import dev.hoist.build.api.Annotations;
import dev.hoist.build.api.BuildRequest;
import dev.hoist.build.api.BuildResult;
import dev.hoist.build.api.Builder;
import dev.hoist.build.cache.CacheExporter;
import dev.hoist.build.cache.CacheSource;
import dev.hoist.build.cache.CacheSpec;
import dev.hoist.build.cache.LayoutCacheSource;
import dev.hoist.build.cache.RegistryCacheSource;
import dev.hoist.build.image.ChainedImageSource;
import dev.hoist.build.image.ImageSource;
import dev.hoist.build.image.RegistryImageSource;
import dev.hoist.build.image.StoreImageSource;
import dev.hoist.build.output.RegistryPusher;
import dev.hoist.registry.RegistryClients;
import dev.hoist.build.output.OutputSpec;
import dev.hoist.build.output.OutputWriter;
import dev.hoist.build.output.PushTarget;
import dev.hoist.build.progress.JsonRenderer;
import dev.hoist.build.progress.PlainRenderer;
import dev.hoist.build.progress.ProgressListener;
import dev.hoist.build.progress.StepTimings;
import dev.hoist.build.progress.TtyRenderer;
import dev.hoist.build.step.BuildClock;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cli.UsageException;
import dev.hoist.cli.registry.RegistryOptions;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist build}: builds a Dockerfile into the local store, and optionally pushes or exports it. */
@Command(name = "build", description = "Build an image from a Dockerfile.", sortOptions = false)
public final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: CONTEXT/Dockerfile; - reads stdin).")
  String file;

  @Option(names = {"-t", "--tag"}, paramLabel = "REF", description = "Name the image (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--build-arg", paramLabel = "K=V", description = "Set a build argument (repeatable).")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage.")
  String target;

  @Option(names = "--platform", paramLabel = "P1,P2", split = ",", description = "Platforms to build for (default: this machine's).")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--label", paramLabel = "K=V", description = "Set a label on the image (repeatable).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--annotation", paramLabel = "K=V", description = "Add an annotation to the manifest (repeatable).")
  List<String> annotations = new ArrayList<>();

  @Option(names = "--cache-from", paramLabel = "SPEC", description = "Import steps from a cache: type=registry,ref=REF | type=local,src=DIR | REF (repeatable).")
  List<String> cacheFrom = new ArrayList<>();

  @Option(names = "--cache-to", paramLabel = "SPEC", description = "Export the build's steps: type=registry,ref=REF[,mode=min|max] | type=local,dest=DIR[,mode=...] (repeatable).")
  List<String> cacheTo = new ArrayList<>();

  @Option(names = "--no-cache", description = "Do not use the step cache.")
  boolean noCache;

  @Option(names = "--pull", description = "Always look for newer base images.")
  boolean pull;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "auto, plain, tty, json or quiet.")
  String progress;

  @Option(names = {"-q", "--quiet"}, description = "Print only the image digest.")
  boolean quiet;

  @Option(names = {"-o", "--output"}, paramLabel = "SPEC", description = "type=oci|docker|local|tar|registry|image,dest=... (repeatable).")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--push", description = "Push every tag (same as --output type=registry).")
  boolean push;

  @Option(names = "--iidfile", paramLabel = "F", description = "Write the image digest to a file.")
  Path iidFile;

  @Option(names = "--metadata-file", paramLabel = "F", description = "Write the digest, pushed names and step timings as JSON.")
  Path metadataFile;

  @Option(names = "--secret", paramLabel = "id=ID,src=FILE|env=VAR", description = "A secret RUN --mount=type=secret can read (repeatable).")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--ssh", paramLabel = "default|ID=SOCKET", description = "Forward an SSH agent socket to RUN --mount=type=ssh (default: $SSH_AUTH_SOCK).")
  List<String> ssh = new ArrayList<>();

  @Option(names = "--allow", paramLabel = "ENTITLEMENT", description = "Allow security.insecure (RUN --security=insecure).")
  List<String> allow = new ArrayList<>();

  @Option(names = "--network", paramLabel = "default|host|none", defaultValue = "default", description = "Network of RUN steps that name none.")
  String network;

  @Option(names = "--runtime", paramLabel = "crun|runc|bwrap", description = "OCI runtime for RUN (default: the first found of crun, runc, bwrap).")
  String runtime;

  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
  Path context;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<OutputSpec> outs = usage(() -> outputs.stream().map(OutputSpec::parse).toList());
    List<ImageReference> refs = tags.stream().map(ImageReference::parse).toList();
    List<PushTarget> pushTargets = PushTarget.of(refs, push, outs);
    if (PushTarget.requested(push, outs) && pushTargets.isEmpty()) {
      throw new UsageException("--push needs a -t name or an --output name= to push to");
    }
    if (outs.stream().filter(OutputSpec::toStdout).count() > 1) {
      throw new UsageException("only one --output can write to stdout (dest=-)");
    }
    // An archive on stdout leaves stdout to it: what hoist would print there goes to stderr.
    PrintWriter text = outs.stream().anyMatch(OutputSpec::toStdout) ? err : out;
    List<CacheSpec> exports = usage(() -> cacheTo.stream().map(CacheSpec::parseTo).toList());
    List<CacheSpec> imports = usage(() -> cacheFrom.stream().map(CacheSpec::parseFrom).toList());
    BuildRequest request = request();
    if (!request.annotations().isEmpty() && pushTargets.stream().anyMatch(t -> !t.ociMediaTypes())) {
      throw new UsageException("--annotation needs OCI media types: a Docker manifest or manifest list"
          + " (oci-mediatypes=false) cannot carry annotations");
    }
    LocalStore store = LocalStore.open(LocalStore.defaultHome());
    StepTimings timings = new StepTimings();
    ProgressListener renderer = renderer(text, err, request.platforms().size() > 1);
    ProgressListener listener = e -> {
      timings.on(e);
      renderer.on(e);
    };
    RegistryClients registries = registry.clients();
    ImageSource fromRegistry = new RegistryImageSource(store, registries);
    ImageSource images = pull ? fromRegistry : new ChainedImageSource(List.of(new StoreImageSource(store), fromRegistry));
    List<CacheSource> sources = imports.stream().map(c -> c.type() == CacheSpec.Type.REGISTRY
        ? (CacheSource) new RegistryCacheSource(registries, ImageReference.parse(c.location()))
        : new LayoutCacheSource(c.directory())).toList();
    BuildResult result;
    try {
      result = new Builder(store, images, new RunFlags(secrets, ssh, allow, network, runtime).settings())
          .withCacheFrom(sources).build(request, listener);
    } finally {
      if (renderer instanceof TtyRenderer tty) {
        tty.close();
      }
    }
    List<ImageReference> localNames = new ArrayList<>(refs);
    outs.stream().filter(o -> o.type() == OutputSpec.Type.IMAGE).flatMap(o -> o.names().stream())
        .map(ImageReference::parse).filter(r -> !localNames.contains(r)).forEach(localNames::add);
    for (ImageReference ref : localNames) {
      boolean same = store.resolve(LocalStore.canonicalName(ref.toString()))
          .map(i -> i.descriptor().digest().equals(result.root().digest())).orElse(false);
      if (!same) {
        store.tag(ref.toString(), result.root());
      }
    }
    List<RegistryPusher.Pushed> pushed = new ArrayList<>();
    OutputWriter files = new OutputWriter(store, result, refs, System.out);
    for (OutputSpec o : outs) {
      if (o.type() != OutputSpec.Type.REGISTRY && o.type() != OutputSpec.Type.IMAGE) {
        files.write(o);
      }
    }
    RegistryPusher pusher = new RegistryPusher(store, registries);
    for (boolean oci : pushTargets.stream().map(PushTarget::ociMediaTypes).distinct().toList()) {
      pushed.addAll(pusher.push(result, pushTargets.stream().filter(t -> t.ociMediaTypes() == oci)
          .map(PushTarget::reference).toList(), oci));
    }
    if (!quietMode()) {
      pushed.forEach(p -> err.println("hoist: pushed " + p));
    }
    for (CacheSpec c : exports) {
      int n = new CacheExporter(store, registries).export(result.cacheKeys(),
          result.images().stream().map(BuildResult.PlatformImage::manifest).toList(), c);
      if (!quietMode()) {
        err.println("hoist: exported " + n + " cache entries to " + c.location());
      }
    }
    // When pushing, the digest is the pushed one: Docker media types give other digests than the built image's.
    Descriptor image = pushed.stream().findFirst().map(RegistryPusher.Pushed::descriptor).orElse(result.root());
    String digest = image.digest().toString();
    if (iidFile != null) {
      Files.writeString(iidFile, digest, StandardCharsets.UTF_8);
    }
    if (metadataFile != null) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("containerimage.digest", digest);
      meta.put("containerimage.descriptor", image);
      meta.put("image.name", String.join(",", Stream.concat(tags.stream(),
          pushTargets.stream().map(t -> t.reference().toString())).distinct().toList()));
      meta.put("hoist.pushed", pushed.stream().map(RegistryPusher.Pushed::toString).toList());
      meta.put("hoist.steps", timings.timings().stream().map(t -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("stage", t.stage());
        m.put("platform", t.platform());
        m.put("step", t.text());
        m.put("cached", t.cached());
        m.put("started", t.started().toString());
        m.put("finished", t.finished().toString());
        m.put("durationMs", java.time.Duration.between(t.started(), t.finished()).toMillis());
        return m;
      }).toList());
      Files.writeString(metadataFile, Json.writePretty(meta) + "\n", StandardCharsets.UTF_8);
    }
    if (quietMode()) {
      text.println(digest);
    } else {
      err.println("hoist: built " + result.root().digest() + (tags.isEmpty() ? "" : " as " + String.join(", ", tags)));
    }
    text.flush();
    return 0;
  }

  /** Parses option values; what the parser refuses is a usage error. */
  private static <T> T usage(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (HoistException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private boolean quietMode() {
    return quiet || progress.equals("quiet");
  }

  private ProgressListener renderer(PrintWriter text, PrintWriter err, boolean multiPlatform) {
    String mode = quietMode() ? "quiet" : progress;
    return switch (mode) {
      case "plain" -> new PlainRenderer(err, multiPlatform);
      case "json" -> new JsonRenderer(text);
      case "tty" -> new TtyRenderer(err, multiPlatform, Terminal.width());
      case "quiet" -> ProgressListener.NONE;
      case "auto" -> Terminal.stderrIsTerminal()
          ? new TtyRenderer(err, multiPlatform, Terminal.width()) : new PlainRenderer(err, multiPlatform);
      default -> throw new UsageException("--progress must be auto, plain, tty, json or quiet, not " + progress);
    };
  }

  private BuildRequest request() throws IOException {
    BuildRequest r = BuildRequest.of(context);
    if ("-".equals(file)) {
      r = r.withDockerfileText(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    } else if (file != null) {
      r = r.withDockerfile(Path.of(file));
    }
    Map<String, String> args = pairs(buildArgs, "--build-arg", true);
    Optional<String> epoch = Optional.ofNullable(args.get("SOURCE_DATE_EPOCH"))
        .or(() -> Optional.ofNullable(System.getenv("SOURCE_DATE_EPOCH")));
    r = r.withBuildArgs(args).withLabels(pairs(labels, "--label", false))
        .withAnnotations(usage(() -> Annotations.parse(annotations))).withNoCache(noCache)
        .withSourceDateEpoch(BuildClock.parseEpoch(epoch));
    if (target != null) {
      r = r.withTarget(target);
    }
    if (!platforms.isEmpty()) {
      r = r.withPlatforms(platforms.stream().filter(p -> !p.isBlank()).map(Platform::parse).distinct().toList());
    }
    return r;
  }

  /** K=V pairs; for build args a bare K takes the value of the environment variable K, as docker does. */
  private static Map<String, String> pairs(List<String> values, String option, boolean fromEnv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq < 0) {
        String env = fromEnv ? System.getenv(v) : null;
        if (env == null && !fromEnv) {
          out.put(v, "");
        } else if (env != null) {
          out.put(v, env);
        }
        continue;
      }
      if (eq == 0) {
        throw new UsageException(option + " " + v + ": the name is empty");
      }
      out.put(v.substring(0, eq), v.substring(eq + 1));
    }
    return out;
  }
}
