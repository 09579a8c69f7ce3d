package dev.hoist.build.api;

import dev.hoist.oci.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One build: the context directory, the Dockerfile (a file, or text such as stdin), build args,
 * target stage, platforms (empty: the host's), labels for the final config, annotations for the
 * manifests and the index, cache use, {@code SOURCE_DATE_EPOCH}, and how many stages may run at once.
 */
public record BuildRequest(
    Path context, Optional<Path> dockerfile, Optional<String> dockerfileText, Map<String, String> buildArgs,
    Optional<String> target, List<Platform> platforms, Map<String, String> labels, Annotations annotations,
    boolean noCache, Optional<Instant> sourceDateEpoch, int parallelism) {
  public BuildRequest {
    buildArgs = Map.copyOf(buildArgs);
    platforms = List.copyOf(platforms);
    labels = Map.copyOf(labels);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
  }

  /** A build of {@code context} with its {@code Dockerfile} and defaults for everything else. */
  public static BuildRequest of(Path context) {
    return new BuildRequest(context, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), List.of(),
        Map.of(), Annotations.none(), false, Optional.empty(), Runtime.getRuntime().availableProcessors());
  }

  public BuildRequest withDockerfileText(String text) {
    return new BuildRequest(context, dockerfile, Optional.of(text), buildArgs, target, platforms, labels, annotations,
        noCache, sourceDateEpoch, parallelism);
  }

  public BuildRequest withDockerfile(Path file) {
    return new BuildRequest(context, Optional.of(file), dockerfileText, buildArgs, target, platforms, labels,
        annotations, noCache, sourceDateEpoch, parallelism);
  }

  public BuildRequest withBuildArgs(Map<String, String> args) {
    return new BuildRequest(context, dockerfile, dockerfileText, args, target, platforms, labels, annotations,
        noCache, sourceDateEpoch, parallelism);
  }

  public BuildRequest withTarget(String stage) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, Optional.of(stage), platforms, labels,
        annotations, noCache, sourceDateEpoch, parallelism);
  }

  public BuildRequest withPlatforms(List<Platform> p) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, target, p, labels, annotations, noCache,
        sourceDateEpoch, parallelism);
  }

  public BuildRequest withNoCache(boolean off) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, target, platforms, labels, annotations,
        off, sourceDateEpoch, parallelism);
  }

  public BuildRequest withSourceDateEpoch(Optional<Instant> epoch) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, target, platforms, labels, annotations,
        noCache, epoch, parallelism);
  }

  public BuildRequest withLabels(Map<String, String> l) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, target, platforms, l, annotations,
        noCache, sourceDateEpoch, parallelism);
  }

  public BuildRequest withAnnotations(Annotations a) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, target, platforms, labels, a, noCache,
        sourceDateEpoch, parallelism);
  }

  public BuildRequest withParallelism(int n) {
    return new BuildRequest(context, dockerfile, dockerfileText, buildArgs, target, platforms, labels, annotations,
        noCache, sourceDateEpoch, n);
  }
}
