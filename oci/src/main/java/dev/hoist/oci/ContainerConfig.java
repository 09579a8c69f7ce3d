package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code config} part of an image config: how a container of the image starts. Field names are
 * Docker's. {@code Entrypoint} and {@code Cmd} are optional because Docker tells an unset value from
 * an empty list.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
    "StopSignal", "ArgsEscaped", "Healthcheck", "Shell", "OnBuild"})
public record ContainerConfig(
    @JsonProperty("User") String user,
    @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Entrypoint") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<List<String>> entrypoint,
    @JsonProperty("Cmd") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<List<String>> cmd,
    @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("ArgsEscaped") boolean argsEscaped,
    @JsonProperty("Healthcheck") HealthConfig healthcheck,
    @JsonProperty("Shell") List<String> shell,
    @JsonProperty("OnBuild") List<String> onBuild,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
  /** Docker's and BuildKit's {@code PATH} for a Linux container whose image sets none. */
  public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";


  public ContainerConfig {
    user = user == null ? "" : user;
    exposedPorts = exposedPorts == null ? Map.of() : new TreeMap<>(exposedPorts);
    env = env == null ? List.of() : List.copyOf(env);
    entrypoint = entrypoint == null ? Optional.empty() : entrypoint.map(List::copyOf);
    cmd = cmd == null ? Optional.empty() : cmd.map(List::copyOf);
    volumes = volumes == null ? Map.of() : new TreeMap<>(volumes);
    workingDir = workingDir == null ? "" : workingDir;
    labels = labels == null ? Map.of() : new TreeMap<>(labels);
    stopSignal = stopSignal == null ? "" : stopSignal;
    shell = shell == null ? List.of() : List.copyOf(shell);
    onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  public static ContainerConfig empty() {
    return new ContainerConfig(null, null, null, null, null, null, null, null, null, false, null, null, null, null);
  }

  public Optional<HealthConfig> healthcheckIfAny() {
    return Optional.ofNullable(healthcheck);
  }
}
