package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
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

  /** The container config at the reader's current token, or null for JSON null. */
  static ContainerConfig read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    String user = null;
    Map<String, Map<String, Object>> exposedPorts = null;
    List<String> env = null;
    Optional<List<String>> entrypoint = Optional.empty();
    Optional<List<String>> cmd = Optional.empty();
    Map<String, Map<String, Object>> volumes = null;
    String workingDir = null;
    Map<String, String> labels = null;
    String stopSignal = null;
    boolean argsEscaped = false;
    HealthConfig healthcheck = null;
    List<String> shell = null;
    List<String> onBuild = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "User" -> user = json.string();
        case "ExposedPorts" -> exposedPorts = json.map(JsonReader::untypedMap);
        case "Env" -> env = json.list(JsonReader::string);
        case "Entrypoint" -> entrypoint = Optional.ofNullable(json.list(JsonReader::string));
        case "Cmd" -> cmd = Optional.ofNullable(json.list(JsonReader::string));
        case "Volumes" -> volumes = json.map(JsonReader::untypedMap);
        case "WorkingDir" -> workingDir = json.string();
        case "Labels" -> labels = json.map(JsonReader::string);
        case "StopSignal" -> stopSignal = json.string();
        case "ArgsEscaped" -> argsEscaped = json.booleanValue();
        case "Healthcheck" -> healthcheck = HealthConfig.read(json);
        case "Shell" -> shell = json.list(JsonReader::string);
        case "OnBuild" -> onBuild = json.list(JsonReader::string);
        default -> json.unknown(field, extra);
      }
    }
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
        argsEscaped, healthcheck, shell, onBuild, extra);
  }

  public Optional<HealthConfig> healthcheckIfAny() {
    return Optional.ofNullable(healthcheck);
  }
}
