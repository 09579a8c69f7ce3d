package dev.hoist.build.step;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.progress.ProgressEvent;
import dev.hoist.build.progress.ProgressListener;
import dev.hoist.build.step.run.DiffLayer;
import dev.hoist.build.step.run.RunCommandLine;
import dev.hoist.build.step.run.RunEngine;
import dev.hoist.build.step.run.RunMounts;
import dev.hoist.cache.fs.TreeRemover;
import dev.hoist.cache.layer.Layer;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.History;
import dev.hoist.oci.Platform;
import dev.hoist.runtime.NetworkMode;
import dev.hoist.runtime.Output;
import dev.hoist.runtime.RunFailedException;
import dev.hoist.runtime.RunRequest;
import dev.hoist.runtime.RunResult;
import dev.hoist.runtime.mount.RunMount;
import dev.hoist.runtime.snapshot.Diff;
import dev.hoist.runtime.snapshot.LayerSnapshots;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.StoreLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RUN: stacks the image's layers (each unpacked once per store, by chain ID) under a writable
 * snapshot, runs the command there with crun/runc/bwrap as the image's {@code USER}, in its
 * {@code WORKDIR}, with its {@code ENV} and the build args in scope as environment, and the
 * {@code --mount}s; what the command changed becomes the step's layer (none when nothing changed).
 *
 * <p>The key covers the parent's key, the command as BuildKit records it ({@code RUN |1 A=b
 * /bin/sh -c ...}), the environment, user, workdir, network, security mode and the mounts' sources
 * (see {@link RunMounts}): a secret counts by id only, a cache mount not at all.
 */
public final class RunExecutor implements StepExecutor<RunInstruction> {
  /** The hostname BuildKit gives RUN containers. */
  private static final String HOSTNAME = "buildkitsandbox";

  private final RunEngine engine;
  private final ProgressListener progress;

  public RunExecutor(RunEngine engine, ProgressListener progress) {
    this.engine = engine;
    this.progress = progress;
  }

  @Override
  public PreparedStep prepare(RunInstruction expanded, StepInput in) throws Exception {
    String fileName = in.stage().fileName();
    try {
      ContainerConfig cfg = in.state().config().config();
      RunCommandLine command = RunCommandLine.of(expanded, cfg.shell());
      Map<String, String> args = new TreeMap<>(in.args());
      String createdBy = CreatedBy.run(command.argv(), args);
      List<String> env = environment(args, cfg.env());
      NetworkMode network = expanded.network()
          .map(n -> n.equalsIgnoreCase("default") ? engine.settings().network() : NetworkMode.parse(n))
          .orElse(engine.settings().network());
      boolean insecure = insecure(expanded.security());
      CacheKey key = CacheKey.below(in.state().cacheKey()).part("RUN").part(createdBy).part(String.join("\0", env))
          .part(cfg.user()).part(cfg.workingDir()).part(network.name()).part(Boolean.toString(insecure));
      command.program().ifPresent(p -> key.part("program").part(p.content()));
      List<RunMounts.Deferred> mounts = new RunMounts(in.stage()).map(expanded.mounts(), key);
      String where = fileName + ":" + expanded.range().startLine();
      Step step = new Step(command, env, cfg.workingDir(), cfg.user(), network, mounts, insecure, createdBy, where);
      return new PreparedStep(key.digest(), () -> run(step, in, expanded), Optional.empty());
    } catch (HoistException e) {
      throw e instanceof StepException ? e : new StepException(fileName, expanded, e.getMessage(), e);
    }
  }

  /** What one RUN needs once its key is known. */
  private record Step(RunCommandLine command, List<String> env, String workdir, String user, NetworkMode network,
      List<RunMounts.Deferred> mounts, boolean insecure, String createdBy, String where) {}

  private ImageState run(Step step, StepInput in, RunInstruction at) throws Exception {
    StageContext stage = in.stage();
    ImageState state = in.state();
    try {
      RunEngine.Parts parts = engine.parts();
      Path scratch = Files.createTempDirectory(stage.workDir(), "run-");
      try {
        return execute(step, in, parts, scratch);
      } finally {
        try {
          TreeRemover.delete(scratch);
        } catch (IOException e) {
          // Left for the build's own scratch removal, which warns if it fails too.
        }
      }
    } catch (RunFailedException | StepException e) {
      throw e;
    } catch (HoistException e) {
      throw new StepException(stage.fileName(), at, e.getMessage(), e);
    }
  }

  private ImageState execute(Step step, StepInput in, RunEngine.Parts parts, Path scratch) throws Exception {
    StageContext stage = in.stage();
    ImageState state = in.state();
    List<RunMount> mounts = new ArrayList<>();
    for (RunMounts.Deferred d : step.mounts()) {
      mounts.add(d.resolve(scratch));
    }
    if (step.command().program().isPresent()) {
      mounts.add(step.command().program().get().mount(scratch));
    }
    RunRequest request = new RunRequest(step.command().argv(), step.env(), step.workdir(), step.user(), HOSTNAME,
        step.network(), mounts, Output.lines(line -> progress.on(new ProgressEvent.Info(Instant.now(), line))),
        platform(state), step.insecure());
    try (LayerSnapshots.Lease lease = parts.layers().acquire(StoreLayers.of(stage.store(), state.layers(), state.config()));
         Snapshot snapshot = parts.snapshotter().prepare(lease.lowers())) {
      RunResult result = parts.runner().run(snapshot, request);
      result.requireSuccess(step.where());
      Diff diff = snapshot.diff(result.mountTargets());
      if (diff.isEmpty()) {
        return state.commit(new History(stage.clock().createdText(), step.createdBy(), null, CreatedBy.COMMENT, true),
            Optional.empty());
      }
      Layer layer = DiffLayer.write(diff, stage.layerWriter(), stage.store());
      History h = new History(stage.clock().createdText(), step.createdBy(), null, CreatedBy.COMMENT, false);
      return state.commit(h, Optional.of(new ImageState.NewLayer(layer.diffId(), layer.descriptor())));
    }
  }

  /** Build args first, then the image's ENV, which wins over an ARG of the same name. */
  static List<String> environment(Map<String, String> args, List<String> imageEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    args.forEach(env::put);
    for (String kv : imageEnv) {
      int eq = kv.indexOf('=');
      env.remove(eq < 0 ? kv : kv.substring(0, eq));
      env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static boolean insecure(Optional<String> security) {
    String mode = security.orElse("sandbox").toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "sandbox" -> false;
      case "insecure" -> true;
      default -> throw new HoistException("RUN --security must be sandbox or insecure, not " + mode);
    };
  }

  /** The platform the command must run as: the image's, or this machine's for an image that names none. */
  private static Platform platform(ImageState state) {
    return state.config().architecture().isEmpty() ? Platform.host() : state.config().platform().withoutOsDetails();
  }
}
