package dev.hoist.registry.auth;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.http.BodySource;
import dev.hoist.registry.http.Exchange;
import dev.hoist.registry.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorises requests to one registry. It learns the scheme from the registry's challenge: Basic
 * sends the stored credential; Bearer fetches a token from the challenge's realm for the request's
 * scopes (with the credential, or anonymously), caches it per scope set until it expires, and
 * fetches a fresh one when the registry answers 401 again.
 */
public final class Authenticator {
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
  private final String registry;
  private final CredentialStore credentials;
  private final Exchange http;
  private final String userAgent;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile Optional<Challenge> challenge = Optional.empty();
  private volatile Optional<Optional<Credential>> credential = Optional.empty();

  private record Token(String value, Instant expires) {
    boolean fresh() {
      return Instant.now().plus(EXPIRY_MARGIN).isBefore(expires);
    }
  }

  /**
   * @param http sends token requests (to the registry's or another origin, picked by the URL)
   */
  public Authenticator(String registry, CredentialStore credentials, Exchange http, String userAgent) {
    this.registry = registry;
    this.credentials = credentials;
    this.http = http;
    this.userAgent = userAgent;
  }

  /** Remembers a challenge seen before any request needed it (e.g. from the ping). */
  public void learn(Challenge c) {
    challenge = Optional.of(c);
  }

  /** The challenge learnt last, if any. */
  public Optional<Challenge> knownChallenge() {
    return challenge;
  }

  /** The {@code Authorization} value for a request needing {@code scopes}, if any is known. */
  public Optional<String> authorization(List<String> scopes) {
    Optional<Challenge> c = challenge;
    if (c.isEmpty()) {
      return Optional.empty();
    }
    if (c.get().isBasic()) {
      return credential().filter(Credential.Basic.class::isInstance).map(Credential.Basic.class::cast)
          .map(b -> "Basic " + base64(b.username() + ":" + b.password()));
    }
    if (c.get().isBearer()) {
      String key = key(scopes);
      Token t = tokens.get(key);
      if (t == null || !t.fresh()) {
        t = fetch(c.get(), scopes);
        tokens.put(key, t);
      }
      return Optional.of("Bearer " + t.value());
    }
    return Optional.empty();
  }

  /**
   * Handles a 401: learns its challenge and drops the cached token for {@code scopes}. Returns
   * whether another try may succeed.
   */
  public boolean onUnauthorized(Optional<Challenge> c, List<String> scopes) {
    if (c.isEmpty()) {
      return false;
    }
    challenge = c;
    if (c.get().isBearer()) {
      tokens.remove(key(scopes));
      return true;
    }
    return c.get().isBasic() && credential().isPresent();
  }

  /** Whether a credential is stored for this registry. */
  public boolean hasCredential() {
    return credential().isPresent();
  }

  private Optional<Credential> credential() {
    Optional<Optional<Credential>> c = credential;
    if (c.isEmpty()) {
      c = Optional.of(credentials.find(registry));
      credential = c;
    }
    return c.get();
  }

  private static String key(List<String> scopes) {
    return String.join(" ", new TreeSet<>(scopes));
  }

  private Token fetch(Challenge c, List<String> scopes) {
    String realm = c.param("realm").orElseThrow(() ->
        new RegistryException(registry, "", 401, "bearer challenge without a realm (HTTP 401)"));
    List<String> all = new ArrayList<>(scopes);
    c.param("scope").ifPresent(s -> {
      for (String one : s.split(" ")) {
        if (!one.isBlank() && !all.contains(one)) {
          all.add(one);
        }
      }
    });
    Optional<Credential> cred = credential();
    String method;
    URI uri;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", userAgent);
    Optional<BodySource> form = Optional.empty();
    if (cred.isPresent() && cred.get() instanceof Credential.IdentityToken it) {
      StringBuilder f = new StringBuilder("grant_type=refresh_token&client_id=hoist&refresh_token=")
          .append(enc(it.token()));
      c.param("service").ifPresent(s -> f.append("&service=").append(enc(s)));
      if (!all.isEmpty()) {
        f.append("&scope=").append(enc(String.join(" ", all)));
      }
      method = "POST";
      uri = URI.create(realm);
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      form = Optional.of(BodySource.of(f.toString().getBytes(StandardCharsets.UTF_8)));
    } else {
      StringBuilder q = new StringBuilder();
      c.param("service").ifPresent(s -> q.append("service=").append(enc(s)));
      for (String s : all) {
        q.append(q.length() == 0 ? "" : "&").append("scope=").append(enc(s));
      }
      method = "GET";
      uri = URI.create(realm + (q.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + q));
      cred.filter(Credential.Basic.class::isInstance).map(Credential.Basic.class::cast)
          .ifPresent(bc -> headers.put("Authorization", "Basic " + base64(bc.username() + ":" + bc.password())));
    }
    int status;
    byte[] answer;
    try (Response resp = http.send(method, uri, headers, form)) {
      status = resp.status();
      answer = status == 200 ? resp.bytes(1024 * 1024) : new byte[0];
    } catch (IOException e) {
      throw new RegistryException(registry, "", "cannot reach token service " + uri.getHost()
          + ": " + e.getMessage(), e);
    }
    if (status != 200) {
      String what = status == 401 || status == 403
          ? "token service refused the credentials" : "token service failed";
      throw new RegistryException(registry, "", status, what + " (HTTP " + status + ")");
    }
    Map<String, Object> body;
    try {
      body = Json.readObject(answer, "token service answer");
    } catch (HoistException e) {
      throw new RegistryException(registry, "", 200, "token service answered invalid JSON");
    }
    String token = Json.text(body.get("token"), Json.text(body.get("access_token"), ""));
    if (token.isEmpty()) {
      throw new RegistryException(registry, "", 200, "token service answered without a token");
    }
    long expiresIn = Json.number(body.get("expires_in"), 60);
    return new Token(token, Instant.now().plusSeconds(Math.max(expiresIn, 60)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
