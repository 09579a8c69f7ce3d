package dev.hoist.registry.auth;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import dev.hoist.registry.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-NAME} program, spoken to with Docker's helper protocol: {@code get}
 * (server URL on stdin, JSON out), {@code store} (JSON in) and {@code erase} (server URL in).
 * Helper output never reaches an error message.
 */
public final class CredentialHelper {
  private final String name;
  private final Environment env;

  public CredentialHelper(String name, Environment env) {
    this.name = name;
    this.env = env;
  }

  /** The credential the helper holds for {@code serverUrl}, empty if it has none. */
  public Optional<Credential> get(String serverUrl) {
    Result r = run("get", serverUrl);
    if (r.exit != 0) {
      if (r.output.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      throw new HoistException("credential helper docker-credential-" + name + " failed for " + serverUrl
          + " (exit " + r.exit + ")");
    }
    Map<String, Object> answer;
    try {
      answer = Json.readObject(r.output.getBytes(StandardCharsets.UTF_8), "credential helper output");
    } catch (HoistException e) {
      throw new HoistException("credential helper docker-credential-" + name + " printed invalid JSON for " + serverUrl);
    }
    String user = Json.text(answer.get("Username"), "");
    String secret = Json.text(answer.get("Secret"), "");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(user.equals("<token>") ? new Credential.IdentityToken(secret) : new Credential.Basic(user, secret));
  }

  /** Stores a user name and password for {@code serverUrl}. */
  public void store(String serverUrl, String username, String password) {
    String json = Json.writeString(Map.of("ServerURL", serverUrl, "Username", username, "Secret", password));
    Result r = run("store", json);
    if (r.exit != 0) {
      throw new HoistException("credential helper docker-credential-" + name + " could not store credentials for "
          + serverUrl + " (exit " + r.exit + ")");
    }
  }

  /** Removes what the helper holds for {@code serverUrl}. */
  public void erase(String serverUrl) {
    Result r = run("erase", serverUrl);
    if (r.exit != 0 && !r.output.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
      throw new HoistException("credential helper docker-credential-" + name + " could not erase credentials for "
          + serverUrl + " (exit " + r.exit + ")");
    }
  }

  private record Result(int exit, String output) {}

  private Result run(String verb, String input) {
    Path program = locate();
    ProcessBuilder pb = new ProcessBuilder(List.of(program.toString(), verb));
    pb.environment().clear();
    pb.environment().putAll(env.variables());
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream o = p.getInputStream()) {
        o.transferTo(out);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HoistException("credential helper docker-credential-" + name + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new HoistException("cannot run credential helper docker-credential-" + name + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoistException("interrupted while running docker-credential-" + name);
    }
  }

  private Path locate() {
    String file = "docker-credential-" + name;
    for (String dir : env.get("PATH").orElse("/usr/local/bin:/usr/bin:/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, file);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new HoistException("credential helper " + file + " is configured but not on PATH");
  }
}
