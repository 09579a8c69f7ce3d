package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.registry.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials files in containers-auth.json(5)'s order, each one proved read by a lookup. */
class AuthFilesTest {
  @TempDir Path home;

  @Test
  void withoutXdgRuntimeDirThePrimaryFileIsTheUsersRunContainersFile() {
    assertThat(AuthFiles.searchOrder(new Environment(Map.of(), home, 4242))).containsExactly(
        Path.of("/run/containers/4242/auth.json"),
        home.resolve(".config/containers/auth.json"),
        home.resolve(".docker/config.json"));
  }

  @Test
  void xdgVariablesAndDockerConfigMoveTheirFiles() {
    Environment env = new Environment(Map.of("XDG_RUNTIME_DIR", "/run/user/7", "XDG_CONFIG_HOME", "/cfg",
        "DOCKER_CONFIG", "/dock"), home, 7);
    assertThat(AuthFiles.searchOrder(env)).containsExactly(Path.of("/run/user/7/containers/auth.json"),
        Path.of("/cfg/containers/auth.json"), Path.of("/dock/config.json"));
  }

  @Test
  void eachFileIsReadAndTheEarlierOneWins() throws Exception {
    Environment env = new Environment(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString()), home);
    write(home.resolve(".docker/config.json"), Map.of("a.example", "docker:1", "b.example", "docker:2",
        "c.example", "docker:3"));
    write(home.resolve(".config/containers/auth.json"), Map.of("b.example", "user:2", "c.example", "user:3"));
    write(home.resolve("run/containers/auth.json"), Map.of("c.example", "runtime:3"));
    DockerCredentials creds = new DockerCredentials(env);
    assertThat(creds.find("a.example")).contains(new Credential.Basic("docker", "1"));
    assertThat(creds.find("b.example")).contains(new Credential.Basic("user", "2"));
    assertThat(creds.find("c.example")).contains(new Credential.Basic("runtime", "3"));
  }

  @Test
  void xdgConfigHomeIsHonoured() throws Exception {
    Path config = home.resolve("elsewhere");
    write(config.resolve("containers/auth.json"), Map.of("a.example", "moved:1"));
    write(home.resolve(".config/containers/auth.json"), Map.of("a.example", "default:1"));
    Environment env = new Environment(Map.of("XDG_CONFIG_HOME", config.toString(),
        "XDG_RUNTIME_DIR", home.resolve("run").toString()), home);
    assertThat(new DockerCredentials(env).find("a.example")).contains(new Credential.Basic("moved", "1"));
  }

  @Test
  void registryAuthFileTakesThePrimaryFilesPlaceAndTheSearchContinues() throws Exception {
    Path explicit = home.resolve("explicit.json");
    write(explicit, Map.of("a.example", "explicit:1"));
    write(home.resolve("run/containers/auth.json"), Map.of("b.example", "runtime:2"));
    write(home.resolve(".config/containers/auth.json"), Map.of("b.example", "user:2"));
    Environment env = new Environment(Map.of("REGISTRY_AUTH_FILE", explicit.toString(),
        "XDG_RUNTIME_DIR", home.resolve("run").toString()), home);
    DockerCredentials creds = new DockerCredentials(env);
    assertThat(creds.find("a.example")).contains(new Credential.Basic("explicit", "1"));
    assertThat(creds.find("b.example")).contains(new Credential.Basic("user", "2"));
  }

  private static void write(Path file, Map<String, String> auths) throws Exception {
    Files.createDirectories(file.getParent());
    String entries = auths.entrySet().stream().map(e -> "\"" + e.getKey() + "\":{\"auth\":\""
        + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"}")
        .collect(Collectors.joining(","));
    Files.writeString(file, "{\"auths\":{" + entries + "}}");
  }
}
