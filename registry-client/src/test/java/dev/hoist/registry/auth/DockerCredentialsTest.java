package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
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

  @Test
  void authsEntriesWithoutAuthFallBackToIdentityTokenOrUsernameAndPassword() throws Exception {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"psFormat\":{\"x\":[1,2.5,null]},\"auths\":{"
        + "\"token.example\":{\"identitytoken\":\"refresh\",\"auth\":\"" + b64("ignored:pw") + "\"},"
        + "\"plain.example\":{\"username\":\"dave\",\"password\":7},"
        + "\"https://empty.example/v1/\":{\"email\":\"e@example\"},"
        + "\"nulls.example\":{\"auth\":null,\"username\":\"erin\",\"password\":null},"
        + "\"odd.example\":\"not an object\"}}");
    DockerCredentials creds = new DockerCredentials(env(Map.of()));
    assertThat(creds.find("token.example")).contains(new Credential.IdentityToken("refresh"));
    assertThat(creds.find("plain.example")).contains(new Credential.Basic("dave", "7"));
    assertThat(creds.find("empty.example")).isEmpty();
    assertThat(creds.find("nulls.example")).contains(new Credential.Basic("erin", ""));
    assertThat(creds.find("odd.example")).isEmpty();
  }

  @Test
  void credentialsFilesOfOtherShapesHoldNothingAndBrokenOnesAreOneLineErrors() throws Exception {
    Files.createDirectories(home.resolve(".docker"));
    DockerCredentials creds = new DockerCredentials(env(Map.of()));
    for (String json : new String[] {"", "null", "[]", "{\"auths\":[],\"credHelpers\":null,\"credsStore\":null}"}) {
      Files.writeString(home.resolve(".docker/config.json"), json);
      assertThat(creds.find("reg.example")).as(json).isEmpty();
    }
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"c2VjcmV0");
    assertThatThrownBy(() -> creds.find("reg.example")).isInstanceOf(HoistException.class)
        .hasMessageStartingWith("invalid JSON in credentials file " + home.resolve(".docker/config.json") + ": ")
        .hasMessageNotContaining("\n").hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void credentialHelpersMayPrintMoreFieldsAndNoSecretIsNoCredential() throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    helper(bin, "extra", "{\"ServerURL\":\"x\",\"Username\":\"u\",\"Secret\":\"s\",\"Labels\":{\"a\":[1]},\"n\":1e400}");
    helper(bin, "nosecret", "{\"Username\":\"u\",\"Secret\":null}");
    helper(bin, "broken", "{\"Username\":\"u\",\"Secret\":\"leaked");
    Environment env = env(Map.of("PATH", bin + ":/usr/bin:/bin"));
    assertThat(new CredentialHelper("extra", env).get("x")).contains(new Credential.Basic("u", "s"));
    assertThat(new CredentialHelper("nosecret", env).get("x")).isEmpty();
    assertThatThrownBy(() -> new CredentialHelper("broken", env).get("x")).isInstanceOf(HoistException.class)
        .hasMessage("credential helper docker-credential-broken printed invalid JSON for x");
  }

  private static void helper(Path bin, String name, String json) throws Exception {
    Path p = bin.resolve("docker-credential-" + name);
    Files.writeString(p, "#!/bin/sh\ncat > \"$(dirname \"$0\")/last-input\"\necho '" + json + "'\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
