package dev.hoist.build.plan;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.stage.BuildArgs;
import dev.hoist.dockerfile.stage.PlatformArgs;
import dev.hoist.dockerfile.stage.Stage;
import dev.hoist.dockerfile.stage.StageGraph;
import dev.hoist.oci.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to build for one platform: the parsed Dockerfile, the build args with the automatic
 * platform ARGs for this platform, the target stage (the last one unless {@code --target}), and
 * the stages it needs, in an order where each comes after the stages it needs.
 */
public record BuildPlan(Dockerfile dockerfile, BuildArgs args, Platform platform, StageGraph graph, Stage target,
    List<Stage> required) {
  public BuildPlan {
    required = List.copyOf(required);
  }

  public static BuildPlan of(Dockerfile dockerfile, Map<String, String> buildArgs, Optional<String> target,
      Platform platform, Platform buildPlatform) {
    BuildArgs args = new BuildArgs(buildArgs, new PlatformArgs(platform.toString(), buildPlatform.toString()));
    StageGraph graph = StageGraph.of(dockerfile, args);
    List<Stage> required = target.map(graph::requiredFor).orElseGet(() -> graph.requiredFor(dockerfile.lastStage()));
    return new BuildPlan(dockerfile, args, platform, graph, required.get(required.size() - 1), required);
  }

  /** The indexes of the required stages, in build order. */
  public List<Integer> order() {
    return required.stream().map(Stage::index).toList();
  }
}
