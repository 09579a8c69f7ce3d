package dev.hoist.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import dev.hoist.registry.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * Writes what {@code hoist login} and {@code hoist logout} change in Docker's {@code config.json}:
 * through the configured credential helper if there is one, else as an {@code auths} entry. Other
 * content of the file is kept; the file is replaced atomically and readable by its owner only.
 */
public final class DockerConfigFile {
  private final Environment env;
  private final Path file;

  public DockerConfigFile(Environment env) {
    this.env = env;
    this.file = AuthFiles.dockerConfig(env);
  }

  public Path path() {
    return file;
  }

  /** Records {@code username}/{@code password} for {@code registry}. */
  public void login(String registry, String username, String password) {
    ObjectNode root = read();
    String key = DockerCredentials.serverKey(registry);
    var helper = helperFor(root, registry);
    if (helper.isPresent()) {
      new CredentialHelper(helper.get(), env).store(key, username, password);
      return;
    }
    ObjectNode auths = root.has("auths") && root.get("auths").isObject()
        ? (ObjectNode) root.get("auths") : root.putObject("auths");
    String encoded = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    auths.putObject(key).put("auth", encoded);
    write(root);
  }

  /** Forgets {@code registry}; returns whether there was anything to forget. */
  public boolean logout(String registry) {
    ObjectNode root = read();
    String key = DockerCredentials.serverKey(registry);
    var helper = helperFor(root, registry);
    boolean removed = false;
    JsonNode auths = root.path("auths");
    if (auths instanceof ObjectNode o) {
      var names = new java.util.ArrayList<String>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (DockerCredentials.normalise(name).equals(DockerCredentials.normalise(key))) {
          o.remove(name);
          removed = true;
        }
      }
    }
    if (removed) {
      write(root);
    }
    if (helper.isPresent()) {
      new CredentialHelper(helper.get(), env).erase(key);
      return true;
    }
    return removed;
  }

  private static java.util.Optional<String> helperFor(ObjectNode root, String registry) {
    JsonNode helpers = root.path("credHelpers");
    String key = DockerCredentials.serverKey(registry);
    for (String k : new String[] {registry, key}) {
      if (helpers.hasNonNull(k)) {
        return java.util.Optional.of(helpers.get(k).asText());
      }
    }
    return root.hasNonNull("credsStore") ? java.util.Optional.of(root.get("credsStore").asText()) : java.util.Optional.empty();
  }

  private ObjectNode read() {
    if (!Files.exists(file)) {
      return Json.mapper().createObjectNode();
    }
    try {
      JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
      if (n instanceof ObjectNode o) {
        return o;
      }
      throw new HoistException("Docker config " + file + " is not a JSON object");
    } catch (IOException e) {
      throw new HoistException("cannot read Docker config " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private void write(ObjectNode root) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".config", ".json");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default permissions stay
      }
      Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HoistException("cannot write Docker config " + file + ": " + e.getMessage());
    }
  }
}
