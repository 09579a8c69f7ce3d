package dev.hoist.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.hoist.oci.Json;

/**
 * A small OAuth2-style token server for the Bearer-auth registry: checks Basic credentials and
 * answers a JWT (RS256, with an {@code x5c} chain the registry trusts through its
 * {@code rootcertbundle}) granting every action asked for.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "hoist-test-registry";
  public static final String ISSUER = "hoist-test-issuer";
  private final HttpServer server;
  private final TestPki.Issued signer;
  private final String user;
  private final String password;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger bornExpired = new AtomicInteger();
  private final List<String> scopesSeen = java.util.Collections.synchronizedList(new ArrayList<>());

  public TokenServer(TestPki.Issued signer, String user, String password) throws IOException {
    this.signer = signer;
    this.user = user;
    this.password = password;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/token", this::handle);
    server.start();
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** How many tokens were handed out. */
  public int tokensIssued() {
    return issued.get();
  }

  /**
   * Makes the next {@code n} tokens expired from birth while still announcing {@code expires_in: 300},
   * so a client caches them and the registry rejects them: the client must fetch fresh ones.
   */
  public void expireNextTokens(int n) {
    bornExpired.set(n);
  }

  /** Every scope parameter received, in order. */
  public List<String> scopesSeen() {
    return List.copyOf(scopesSeen);
  }

  private void handle(HttpExchange ex) throws IOException {
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (!expected.equals(auth)) {
      ex.sendResponseHeaders(401, -1);
      ex.close();
      return;
    }
    List<Map<String, Object>> access = new ArrayList<>();
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("scope=")) {
          String scope = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
          scopesSeen.add(scope);
          for (String one : scope.split(" ")) {
            String[] p = one.split(":");
            if (p.length >= 3) {
              String name = String.join(":", java.util.Arrays.copyOfRange(p, 1, p.length - 1));
              access.add(Map.of("type", p[0], "name", name, "actions", List.of(p[p.length - 1].split(","))));
            }
          }
        }
      }
    }
    String token = jwt(access);
    issued.incrementAndGet();
    byte[] body = Json.write(Map.of("token", token, "access_token", token, "expires_in", 300));
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private String jwt(List<Map<String, Object>> access) {
    try {
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String x5c = Base64.getEncoder().encodeToString(signer.certificate().getEncoded());
      byte[] header = Json.write(Map.of("alg", "RS256", "typ", "JWT", "x5c", List.of(x5c)));
      long now = Instant.now().getEpochSecond() - (bornExpired.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 3600 : 0);
      byte[] claims = Json.write(Map.of("iss", ISSUER, "sub", user, "aud", SERVICE, "exp", now + 300,
          "nbf", now - 10, "iat", now, "jti", "t" + issued.get() + "-" + now, "access", access));
      String signingInput = url.encodeToString(header) + "." + url.encodeToString(claims);
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(signer.keys().getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + url.encodeToString(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
