package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.registry.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing Docker/containers credential files, and credential helpers (real scripts). */
class DockerCredentialsTest {
  @TempDir Path home;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Environment env(Map<String, String> vars) {
    return new Environment(vars, home);
  }

  @Test
  void authsEntriesFromDockerConfigAndDockerConfigVariable() throws Exception {
    Path dir = Files.createDirectories(home.resolve("custom"));
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"https://reg.example:5000/v2/\":{\"auth\":\""
        + b64("alice:pw:with:colons") + "\"},\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("bob:hub") + "\"}}}");
    DockerCredentials creds = new DockerCredentials(env(Map.of("DOCKER_CONFIG", dir.toString())));
    assertThat(creds.find("reg.example:5000")).contains(new Credential.Basic("alice", "pw:with:colons"));
    assertThat(creds.find("docker.io")).contains(new Credential.Basic("bob", "hub"));
    assertThat(creds.find("other.example")).isEmpty();
  }

  @Test
  void containersAuthFileComesFirst() throws Exception {
    Path runtime = Files.createDirectories(home.resolve("run/containers"));
    Files.writeString(runtime.resolve("auth.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("podman:1") + "\"}}}");
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("docker:2") + "\"}}}");
    assertThat(new DockerCredentials(env(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString()))).find("reg.example"))
        .contains(new Credential.Basic("podman", "1"));
    Path explicit = home.resolve("explicit.json");
    Files.writeString(explicit, "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("explicit:3") + "\"}}}");
    assertThat(new DockerCredentials(env(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString(),
        "REGISTRY_AUTH_FILE", explicit.toString()))).find("reg.example"))
        .contains(new Credential.Basic("explicit", "3"));
  }

  @Test
  void credHelpersAndCredsStoreRunDockerCredentialPrograms() throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    helper(bin, "perhost", "{\"ServerURL\":\"x\",\"Username\":\"helped\",\"Secret\":\"h-secret\"}");
    helper(bin, "store", "{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\"refresh-me\"}");
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"),
        "{\"credsStore\":\"store\",\"credHelpers\":{\"special.example\":\"perhost\"}}");
    DockerCredentials creds = new DockerCredentials(env(Map.of("PATH", bin + ":/usr/bin:/bin")));
    assertThat(creds.find("special.example")).contains(new Credential.Basic("helped", "h-secret"));
    assertThat(creds.find("any.example")).contains(new Credential.IdentityToken("refresh-me"));
    assertThat(Files.readString(bin.resolve("last-input"))).isEqualTo("any.example");
  }

  @Test
  void loginWritesAnAuthsEntryAndLogoutRemovesIt() throws Exception {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"psFormat\":\"table\"}");
    Environment env = env(Map.of());
    DockerConfigFile file = new DockerConfigFile(env);
    file.login("reg.example:5000", "carol", "pw");
    assertThat(new DockerCredentials(env).find("reg.example:5000")).contains(new Credential.Basic("carol", "pw"));
    assertThat(Files.readString(file.path())).contains("psFormat");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
    assertThat(file.logout("reg.example:5000")).isTrue();
    assertThat(new DockerCredentials(env).find("reg.example:5000")).isEmpty();
    assertThat(file.logout("reg.example:5000")).isFalse();
  }

  @Test
  void credentialsNeverPrintTheirSecret() {
    assertThat(new Credential.Basic("u", "topsecret").toString()).doesNotContain("topsecret");
    assertThat(new Credential.IdentityToken("topsecret").toString()).doesNotContain("topsecret");
  }

  private static void helper(Path bin, String name, String json) throws Exception {
    Path p = bin.resolve("docker-credential-" + name);
    Files.writeString(p, "#!/bin/sh\ncat > \"$(dirname \"$0\")/last-input\"\necho '" + json + "'\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
