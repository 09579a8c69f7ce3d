package dev.hoist.build.schedule;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.cache.CachedImage;
import dev.hoist.build.image.ImageSource;
import dev.hoist.build.image.ResolvedImage;
import dev.hoist.build.image.ScratchImage;
import dev.hoist.build.plan.BuildPlan;
import dev.hoist.build.progress.ProgressEvent;
import dev.hoist.build.progress.ProgressListener;
import dev.hoist.build.step.ConfigEditor;
import dev.hoist.build.step.CopyExecutor;
import dev.hoist.build.step.ImageFiles;
import dev.hoist.build.step.ImageState;
import dev.hoist.build.step.MetadataExecutor;
import dev.hoist.build.step.PreparedStep;
import dev.hoist.build.step.RunExecutor;
import dev.hoist.build.step.run.RunEngine;
import dev.hoist.build.step.run.RunSettings;
import dev.hoist.build.step.StageContext;
import dev.hoist.build.step.StepException;
import dev.hoist.build.step.StepExecutor;
import dev.hoist.build.step.StepInput;
import dev.hoist.build.step.WorkdirExecutor;
import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.AddInstruction;
import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.FromInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.dockerfile.instruction.WorkdirInstruction;
import dev.hoist.dockerfile.stage.Stage;
import dev.hoist.dockerfile.stage.StageArgs;
import dev.hoist.dockerfile.stage.StageGraph;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds one stage: starts from its base (scratch, an earlier stage, or an image, whose ONBUILD
 * triggers run first), then expands and runs each instruction in order, taking each step's result
 * from the cache when its key is there.
 */
public final class StageRunner {
  private final BuildPlan plan;
  private final StageContext context;
  private final ImageSource images;
  private final ProgressListener progress;
  private final AtomicInteger stepIds;
  private final InstructionExpander expander;
  private final MetadataExecutor metadata = new MetadataExecutor();
  private final WorkdirExecutor workdir = new WorkdirExecutor();
  private final CopyExecutor copy = new CopyExecutor();
  private final RunExecutor run;

  /** A runner whose RUN steps use the default {@link RunSettings}. */
  public StageRunner(BuildPlan plan, StageContext context, ImageSource images, ProgressListener progress,
      AtomicInteger stepIds) {
    this(plan, context, images, progress, stepIds,
        new RunExecutor(new RunEngine(context.store(), RunSettings.defaults(), w -> { }), progress));
  }

  public StageRunner(BuildPlan plan, StageContext context, ImageSource images, ProgressListener progress,
      AtomicInteger stepIds, RunExecutor run) {
    this.run = run;
    this.plan = plan;
    this.context = context;
    this.images = images;
    this.progress = progress;
    this.stepIds = stepIds;
    this.expander = new InstructionExpander(plan.dockerfile().fileName(), plan.dockerfile().escape());
  }

  public StageResult run(Stage stage, Map<Integer, StageResult> dependencies) throws Exception {
    String name = stage.displayName();
    String platformText = plan.platform().toString();
    progress.on(new ProgressEvent.StageStarted(Instant.now(), name, platformText));
    ImageState state = base(stage, dependencies);
    List<Instruction> steps = new ArrayList<>(onBuildTriggers(stage, state));
    if (!steps.isEmpty()) {
      state = state.withConfig(state.config().withConfig(ConfigEditor.withoutOnBuild(state.config().config())));
    }
    steps.addAll(stage.instructions());
    StageArgs scope = plan.args().stageScope(plan.dockerfile());
    FilesHolder files = new FilesHolder();
    int ran = 0;
    CacheWrites cacheWrites = new CacheWrites(context.cache());
    for (int n = 0; n < steps.size(); n++) {
      Instruction raw = steps.get(n);
      int id = stepIds.incrementAndGet();
      Instant start = Instant.now();
      progress.on(new ProgressEvent.StepStarted(start, id, name, platformText, n + 1, steps.size(),
          raw.origin().text()));
      try {
        ImageState before = state;
        EnvLookup env = scope.environment(v -> ConfigEditor.env(before.config().config(), v));
        Instruction expanded = InstructionExpander.expands(raw) ? expander.expand(raw, env).instruction() : raw;
        if (expanded instanceof ArgInstruction arg) {
          scope.declare(arg);
        }
        files.state = before;
        PreparedStep prepared = executor(expanded).prepare(expanded, new StepInput(before, files::get, scope.values(), context));
        Optional<CachedImage> hit = context.cache().lookup(prepared.key());
        if (hit.isPresent()) {
          state = new ImageState(hit.get().config(), hit.get().layers(), hit.get().cmdSet(), prepared.key());
        } else {
          state = prepared.run().run().withCacheKey(prepared.key());
          cacheWrites.record(prepared.key(), new CachedImage(state.config(), state.layers(), state.cmdSet()));
          ran++;
        }
        files.after(prepared, before, state);
        progress.on(new ProgressEvent.StepFinished(Instant.now(), id, hit.isPresent(), Duration.between(start, Instant.now())));
      } catch (Exception e) {
        progress.on(new ProgressEvent.StepFailed(Instant.now(), id, String.valueOf(e.getMessage())));
        cacheWrites.finishAfterFailure();
        if (e instanceof IOException io) {
          throw new StepException(plan.dockerfile().fileName(), raw, raw.keyword() + " failed: " + io, io);
        }
        throw e;
      }
    }
    cacheWrites.finish();
    progress.on(new ProgressEvent.StageFinished(Instant.now(), name, platformText));
    return new StageResult(state, ran);
  }

  @SuppressWarnings("unchecked")
  private StepExecutor<Instruction> executor(Instruction i) {
    if (i instanceof CopyInstruction || i instanceof AddInstruction) {
      return copy;
    }
    if (i instanceof WorkdirInstruction) {
      return (StepExecutor<Instruction>) (StepExecutor<?>) workdir;
    }
    if (i instanceof RunInstruction) {
      return (StepExecutor<Instruction>) (StepExecutor<?>) run;
    }
    if (ConfigEditor.isMetadata(i)) {
      return metadata;
    }
    throw new StepException(plan.dockerfile().fileName(), i, i.keyword() + " is not supported here");
  }

  private ImageState base(Stage stage, Map<Integer, StageResult> dependencies) throws IOException {
    FromInstruction from = stage.from();
    Dockerfile df = plan.dockerfile();
    EnvLookup global = plan.args().globalScope(df);
    String image = expander.word(from.image(), global);
    Platform platform;
    try {
      platform = from.platform().map(p -> Platform.parse(expander.word(p, global))).orElse(plan.platform());
    } catch (HoistException e) {
      throw new StepException(df.fileName(), from, e.getMessage());
    }
    Optional<Integer> baseStage = plan.graph().references().stream()
        .filter(r -> r.stage() == stage.index() && r.kind() == StageGraph.Kind.BASE)
        .findFirst().flatMap(StageGraph.Reference::target);
    if (baseStage.isPresent()) {
      ImageState s = dependencies.get(baseStage.get()).state();
      return s.withCmdSet(false).withCacheKey(CacheKey.below(s.cacheKey()).part("FROM stage").digest());
    }
    if (image.equalsIgnoreCase("scratch")) {
      // The config's defaults are part of the key, so a store that cached steps over an older empty
      // config (before it had PATH and WorkingDir) does not hand those images back.
      ImageConfig scratch = ScratchImage.config(platform);
      return new ImageState(scratch, List.of(), false, CacheKey.root("scratch " + platform)
          .part(String.join("\n", scratch.config().env())).part(scratch.config().workingDir()).digest());
    }
    ResolvedImage base;
    try {
      base = images.find(image, platform).orElseThrow(() -> new HoistException("base image " + image + " not found"));
    } catch (HoistException e) {
      throw new StepException(df.fileName(), from, "FROM " + image + ": " + e.getMessage(), e);
    }
    progress.on(new ProgressEvent.Info(Instant.now(), "FROM " + image + "@" + base.manifest()));
    return new ImageState(base.config(), base.layers(), false, CacheKey.root(base.configDigest().toString()).digest());
  }

  private List<Instruction> onBuildTriggers(Stage stage, ImageState base) {
    List<String> triggers = base.config().config().onBuild();
    if (triggers.isEmpty()) {
      return List.of();
    }
    String text = "FROM scratch\n" + String.join("\n", triggers) + "\n";
    Dockerfile parsed = DockerfileParser.parse(plan.dockerfile().fileName() + " (ONBUILD of " + stage.from().image() + ")", text);
    return parsed.stages().get(0).instructions();
  }

  /** The image's file view, built on first use and kept up to date as layers are added. */
  private final class FilesHolder {
    private ImageState state;
    private ImageFiles files;

    ImageFiles get() throws IOException {
      if (files == null) {
        files = ImageFiles.scan(context.store(), state.layers());
      }
      return files;
    }

    void after(PreparedStep step, ImageState before, ImageState now) throws IOException {
      if (now.layers().size() == before.layers().size()) {
        return;
      }
      if (files != null && step.files().isPresent()) {
        files = files.plus(step.files().get());
      } else {
        files = null;
      }
      state = now;
    }
  }
}
