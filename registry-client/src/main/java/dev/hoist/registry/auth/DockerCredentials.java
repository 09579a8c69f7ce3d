package dev.hoist.registry.auth;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import dev.hoist.registry.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new HoistException("cannot read credentials file " + file + ": " + firstLine(e.getMessage()));
    }
    Map<String, Object> root = Json.readObject(bytes, "credentials file " + file);
    String key = serverKey(registry);
    Map<?, ?> helpers = object(root.get("credHelpers"));
    for (String k : new String[] {registry, key}) {
      if (helpers.get(k) != null) {
        return new CredentialHelper(Json.text(helpers.get(k), ""), env).get(key);
      }
    }
    Optional<Map<?, ?>> entry = authEntry(object(root.get("auths")), registry);
    if (entry.isPresent()) {
      Optional<Credential> c = decode(entry.get(), file, registry);
      if (c.isPresent()) {
        return c;
      }
    }
    if (root.get("credsStore") != null) {
      return new CredentialHelper(Json.text(root.get("credsStore"), ""), env).get(key);
    }
    return Optional.empty();
  }

  /** The fields of {@code value}: none unless it is an object. */
  private static Map<?, ?> object(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  private static Optional<Map<?, ?>> authEntry(Map<?, ?> auths, String registry) {
    for (Map.Entry<?, ?> e : auths.entrySet()) {
      if (normalise((String) e.getKey()).equals(normalise(serverKey(registry)))) {
        return Optional.of(object(e.getValue()));
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

  private static Optional<Credential> decode(Map<?, ?> entry, Path file, String registry) {
    String token = Json.text(entry.get("identitytoken"), "");
    if (!token.isEmpty()) {
      return Optional.of(new Credential.IdentityToken(token));
    }
    String auth = Json.text(entry.get("auth"), "");
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
    String user = Json.text(entry.get("username"), "");
    String password = Json.text(entry.get("password"), "");
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
