package dev.hoist.build.api;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.cache.CacheSource;
import dev.hoist.build.cache.StepCache;
import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.LayeredFileTree;
import dev.hoist.build.context.SourceTree;
import dev.hoist.build.image.ImageSource;
import dev.hoist.build.image.ResolvedImage;
import dev.hoist.build.image.RootfsUnpacker;
import dev.hoist.build.plan.BuildPlan;
import dev.hoist.build.progress.DistinctWarnings;
import dev.hoist.build.progress.ProgressEvent;
import dev.hoist.build.progress.ProgressListener;
import dev.hoist.build.schedule.Scheduler;
import dev.hoist.build.schedule.StageResult;
import dev.hoist.build.schedule.StageRunner;
import dev.hoist.build.step.BuildClock;
import dev.hoist.build.step.ImageState;
import dev.hoist.build.step.RunExecutor;
import dev.hoist.build.step.StageContext;
import dev.hoist.build.step.run.RunEngine;
import dev.hoist.build.step.run.RunSettings;
import dev.hoist.build.step.StepInput;
import dev.hoist.cache.fs.TreeRemover;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.stage.Stage;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.History;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * hoist's build engine, for tools that embed it: parses the Dockerfile, plans each platform, runs
 * the stages the target needs (independent ones at the same time), and stores the result (config,
 * manifest, and an index for several platforms) in the local store. Progress goes to a listener.
 *
 * <pre>{@code
 * BuildResult r = new Builder(LocalStore.open(home), images).build(BuildRequest.of(dir), listener);
 * }</pre>
 */
public final class Builder {
  private final LocalStore store;
  private final ImageSource images;
  private final RunSettings runSettings;
  private final List<CacheSource> cacheFrom;

  public Builder(LocalStore store, ImageSource images) {
    this(store, images, RunSettings.defaults());
  }

  /** A builder whose RUN steps use {@code runSettings} (secrets, SSH, network, runtime). */
  public Builder(LocalStore store, ImageSource images, RunSettings runSettings) {
    this(store, images, runSettings, List.of());
  }

  private Builder(LocalStore store, ImageSource images, RunSettings runSettings, List<CacheSource> cacheFrom) {
    this.store = store;
    this.images = images;
    this.runSettings = runSettings;
    this.cacheFrom = List.copyOf(cacheFrom);
  }

  /** This builder, importing steps the local cache lacks from {@code sources} ({@code --cache-from}). */
  public Builder withCacheFrom(List<CacheSource> sources) {
    return new Builder(store, images, runSettings, sources);
  }

  public BuildResult build(BuildRequest request, ProgressListener progress) throws IOException {
    Instant started = Instant.now();
    Path contextDir = request.context().toAbsolutePath().normalize();
    if (!Files.isDirectory(contextDir)) {
      throw new HoistException("build context " + request.context() + " is not a directory");
    }
    Dockerfile dockerfile = parse(request, contextDir);
    DockerIgnore ignore = DockerIgnore.load(contextDir,
        request.dockerfile().filter(p -> request.dockerfileText().isEmpty()));
    FileHashCache hashes = FileHashCache.open(store.home().resolve("hoist-cache").resolve("context-hashes")
        .resolve(Digest.sha256(contextDir.toString()).hex() + ".tsv"));
    SourceTree context = SourceTree.context(contextDir, ignore, hashes);
    BuildClock clock = BuildClock.of(request.sourceDateEpoch());
    LayerWriter writer = LayerWriter.defaults().withClampMtime(request.sourceDateEpoch());
    DistinctWarnings warnings = new DistinctWarnings(progress);
    StepCache cache = new StepCache(store, !request.noCache(), cacheFrom, warnings);
    List<Platform> platforms = request.platforms().isEmpty() ? List.of(Platform.host()) : request.platforms();
    Path scratchDir = Files.createDirectories(store.home().resolve("hoist-cache").resolve("tmp"));
    Path work = Files.createTempDirectory(scratchDir, "build-");
    AtomicInteger stepIds = new AtomicInteger();
    RunEngine runEngine = new RunEngine(store, runSettings, warnings);
    try {
      List<PlatformBuild> builds = new ArrayList<>();
      for (Platform platform : platforms) {
        BuildPlan plan = BuildPlan.of(dockerfile, request.buildArgs(), request.target(), platform, Platform.host());
        Map<Integer, StageResult> results = new ConcurrentHashMap<>();
        Map<String, Path> unpacked = new ConcurrentHashMap<>();
        Map<String, LayeredFileTree> trees = new ConcurrentHashMap<>();
        StageContext ctx = new StageContext(dockerfile.fileName(), store, writer, cache, clock, context,
            from -> fromSource(plan, from, results, unpacked, trees, work, platform, warnings), work, warnings);
        builds.add(new PlatformBuild(plan, results,
            new StageRunner(plan, ctx, images, progress, stepIds, new RunExecutor(runEngine, progress))));
      }
      // Every platform's stages go into one graph, so independent stages of different platforms (a
      // slow emulated RUN above all) run at the same time, within the one parallelism bound.
      int width = dockerfile.stages().size();
      List<Integer> order = new ArrayList<>();
      for (int p = 0; p < builds.size(); p++) {
        for (int stage : builds.get(p).plan().order()) {
          order.add(p * width + stage);
        }
      }
      Map<Integer, StageResult> out = new Scheduler(request.parallelism()).run(order,
          node -> builds.get(node / width).plan().graph().dependenciesOf(node % width).stream()
              .map(d -> node / width * width + d).collect(Collectors.toSet()),
          (node, deps) -> {
            PlatformBuild b = builds.get(node / width);
            Map<Integer, StageResult> byStage = new HashMap<>();
            deps.forEach((d, r) -> byStage.put(d % width, r));
            StageResult r = b.runner().run(dockerfile.stages().get(node % width), byStage);
            b.results().put(node % width, r);
            return r;
          });
      List<BuildResult.PlatformImage> built = new ArrayList<>();
      int stepsRun = out.values().stream().mapToInt(StageResult::stepsRun).sum();
      for (int p = 0; p < builds.size(); p++) {
        BuildPlan plan = builds.get(p).plan();
        StageResult target = out.get(p * width + plan.target().index());
        built.add(new BuildResult.PlatformImage(plan.platform(),
            writeImage(target.state(), request, clock, plan.platform(), cache)));
      }
      hashes.save();
      Descriptor root = built.size() == 1 ? built.get(0).manifest() : writeIndex(built, request);
      progress.on(new ProgressEvent.BuildFinished(Instant.now(), root.digest().toString(),
          Duration.between(started, Instant.now())));
      return new BuildResult(root, built, stepsRun, cache.used());
    } finally {
      try {
        runEngine.close();
      } finally {
        deleteScratch(work, warnings);
      }
    }
  }

  /** One platform's plan, its stage results as they finish, and the runner of its stages. */
  private record PlatformBuild(BuildPlan plan, Map<Integer, StageResult> results, StageRunner runner) {}

  private static Dockerfile parse(BuildRequest request, Path contextDir) throws IOException {
    if (request.dockerfileText().isPresent()) {
      return DockerfileParser.parse(request.dockerfile().map(Path::toString).orElse("Dockerfile"),
          request.dockerfileText().get());
    }
    Path file = request.dockerfile().orElse(contextDir.resolve("Dockerfile"));
    if (!Files.isRegularFile(file)) {
      throw new HoistException("no Dockerfile at " + file + " (give one with -f)");
    }
    String name = request.dockerfile().map(Path::toString).orElse("Dockerfile");
    return DockerfileParser.parse(name, Files.readString(file, StandardCharsets.UTF_8));
  }

  private StepInput.FromSource fromSource(BuildPlan plan, String from, Map<Integer, StageResult> results,
      Map<String, Path> unpacked, Map<String, LayeredFileTree> trees, Path work, Platform platform,
      Consumer<String> warnings)
      throws IOException {
    Optional<Stage> stage = plan.dockerfile().stage(from);
    List<Descriptor> layers;
    String identity;
    String description;
    if (stage.isPresent() && results.containsKey(stage.get().index())) {
      ImageState s = results.get(stage.get().index()).state();
      layers = s.layers();
      identity = "stage " + s.cacheKey();
      description = "stage " + stage.get().displayName();
    } else {
      ResolvedImage image = images.find(from, platform)
          .orElseThrow(() -> new HoistException("image " + from + " not found"));
      layers = image.layers();
      identity = "image " + image.configDigest();
      description = "image " + from;
    }
    return new StepInput.FromSource(identity,
        () -> SourceTree.pinned(trees.computeIfAbsent(identity, k -> readTree(layers)), description, identity),
        () -> unpacked.computeIfAbsent(identity, k -> unpack(layers, work, warnings)));
  }

  private LayeredFileTree readTree(List<Descriptor> layers) {
    try {
      return LayeredFileTree.read(store, layers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path unpack(List<Descriptor> layers, Path work, Consumer<String> warnings) {
    try {
      return RootfsUnpacker.unpack(store, layers, work, warnings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the image's config and manifest, unless the same last step, platform, labels,
   * annotations and creation time gave a manifest before: then that one is the image (a warm
   * rebuild need not serialise the config again).
   */
  private Descriptor writeImage(ImageState state, BuildRequest request, BuildClock clock, Platform platform,
      StepCache cache) throws IOException {
    String created = state.config().history().stream().map(History::created).filter(s -> !s.isEmpty())
        .reduce((a, b) -> b).orElse(clock.createdText());
    CacheKey key = CacheKey.below(state.cacheKey()).part("image").part(platform.toString()).part(created);
    new TreeMap<>(request.labels()).forEach((k, v) -> key.part("label").part(k).part(v));
    new TreeMap<>(request.annotations().manifest()).forEach((k, v) -> key.part("annotation").part(k).part(v));
    Digest imageKey = key.digest();
    Optional<Descriptor> known = cache.image(imageKey);
    if (known.isPresent()) {
      return known.get().withPlatform(platform);
    }
    ImageConfig config = state.config();
    if (!request.labels().isEmpty()) {
      ContainerConfig c = config.config();
      Map<String, String> labels = new TreeMap<>(c.labels());
      labels.putAll(request.labels());
      config = config.withConfig(new ContainerConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(),
          c.volumes(), c.workingDir(), labels, c.stopSignal(), c.argsEscaped(), c.healthcheck(), c.shell(), c.onBuild(),
          c.extra()));
    }
    config = config.withCreated(created);
    Descriptor configDesc = putIfAbsent(MediaType.OCI_CONFIG, config.toJson());
    Manifest manifest = Manifest.oci(configDesc, state.layers(), request.annotations().manifest());
    Descriptor written = putIfAbsent(MediaType.OCI_MANIFEST, manifest.toJson());
    cache.recordImage(imageKey, written);
    return written.withPlatform(platform);
  }

  /** Stores small content unless the store has it already (a warm rebuild writes nothing). */
  private Descriptor putIfAbsent(String mediaType, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    return store.hasBlob(d) ? Descriptor.of(mediaType, d, bytes.length) : store.putBytes(mediaType, bytes);
  }

  private Descriptor writeIndex(List<BuildResult.PlatformImage> built, BuildRequest request) throws IOException {
    ImageIndex index = ImageIndex.oci(built.stream().map(BuildResult.PlatformImage::manifest).toList(),
        request.annotations().index());
    return putIfAbsent(MediaType.OCI_INDEX, index.toJson());
  }

  /** Removes the build's scratch folder; what is left behind is harmless, so a failure is only a warning. */
  private static void deleteScratch(Path work, Consumer<String> warnings) {
    try {
      TreeRemover.delete(work);
    } catch (IOException e) {
      warnings.accept("warning: " + e.getMessage() + " (scratch space of this build, safe to remove)");
    }
  }
}
