package dev.hoist.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import dev.hoist.registry.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials as Docker, Podman and skopeo keep them: in each file of {@link AuthFiles#searchOrder}
 * a per-registry {@code credHelpers} entry wins, then an {@code auths} entry ({@code auth} is
 * base64 {@code user:password}, or an {@code identitytoken}), then the file's {@code credsStore}.
 */
public final class DockerCredentials implements CredentialStore {
  /** The key Docker files Docker Hub under. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  private final Environment env;

  public DockerCredentials(Environment env) {
    this.env = env;
  }

  /** The key a registry host is filed under in {@code auths} and credential helpers. */
  public static String serverKey(String registry) {
    return registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_KEY : registry;
  }

  @Override
  public Optional<Credential> find(String registry) {
    for (Path file : AuthFiles.searchOrder(env)) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Optional<Credential> c = fromFile(file, registry);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private Optional<Credential> fromFile(Path file, String registry) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new HoistException("cannot read credentials file " + file + ": " + firstLine(e.getMessage()));
    }
    String key = serverKey(registry);
    JsonNode helpers = root.path("credHelpers");
    for (String k : new String[] {registry, key}) {
      if (helpers.hasNonNull(k)) {
        return new CredentialHelper(helpers.get(k).asText(), env).get(key);
      }
    }
    Optional<JsonNode> entry = authEntry(root.path("auths"), registry);
    if (entry.isPresent()) {
      Optional<Credential> c = decode(entry.get(), file, registry);
      if (c.isPresent()) {
        return c;
      }
    }
    if (root.hasNonNull("credsStore")) {
      return new CredentialHelper(root.get("credsStore").asText(), env).get(key);
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> authEntry(JsonNode auths, String registry) {
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (normalise(e.getKey()).equals(normalise(serverKey(registry)))) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** {@code https://host/v1/} and {@code host} name the same registry. */
  static String normalise(String key) {
    String k = key;
    if (k.equals(DOCKER_HUB_KEY) || k.equals("docker.io") || k.equals("index.docker.io")
        || k.equals("registry-1.docker.io")) {
      return ImageReference.DOCKER_HUB;
    }
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    return slash >= 0 ? k.substring(0, slash) : k;
  }

  private static Optional<Credential> decode(JsonNode entry, Path file, String registry) {
    String token = entry.path("identitytoken").asText("");
    if (!token.isEmpty()) {
      return Optional.of(new Credential.IdentityToken(token));
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new HoistException("credentials file " + file + ": entry for " + registry + " is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new HoistException("credentials file " + file + ": entry for " + registry + " is not user:password");
      }
      return Optional.of(new Credential.Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    return user.isEmpty() ? Optional.empty() : Optional.of(new Credential.Basic(user, password));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
