package dev.hoist.registry.http;

import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.auth.Authenticator;
import dev.hoist.registry.auth.Challenge;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends registry API calls for one registry host over a {@link Wire} (which sends single requests,
 * redirects never followed): it follows redirects itself (dropping {@code Authorization} once the origin changes,
 * refusing https to http), answers 401 challenges through the {@link Authenticator}, and retries
 * connection failures, 5xx and 429 (honouring {@code Retry-After}) with backoff.
 *
 * <p>The scheme is found by pinging {@code /v2/}: https only, except for loopback hosts and
 * {@code --insecure-registry} hosts, which may also answer over plain http (tried first unless a
 * {@code certs.d} CA is configured for the host). Unlike Docker, TLS to a loopback host is still
 * verified unless the host is marked insecure.
 */
public final class HttpTransport {
  private static final int MAX_REDIRECTS = 10;

  private final String registry;
  private final String host;
  private final boolean insecure;
  private final boolean plainHttpAllowed;
  private final List<Path> caFiles;
  private final Wire registryWire;
  private final RegistryConfig config;
  private volatile Wire otherWire;
  private final RetryPolicy retry;
  private final Authenticator auth;
  private final String userAgent;
  private volatile URI base;

  public HttpTransport(String registry, String host, RegistryConfig config) {
    this.registry = registry;
    this.host = host;
    this.insecure = config.insecureRegistries().contains(registry) || config.insecureRegistries().contains(host);
    this.plainHttpAllowed = insecure || isLoopback(host);
    this.caFiles = TlsContexts.caFiles(host, config.certsDirs());
    this.retry = config.retry();
    this.userAgent = config.userAgent();
    List<Path> clientCerts = ClientCertificates.find(host, config.certsDirs());
    this.registryWire = new Wire(insecure ? TlsContexts.unverified(clientCerts) : TlsContexts.trusting(caFiles, clientCerts),
        config.proxy());
    this.config = config;
    this.auth = new Authenticator(registry, config.credentials(),
        (method, uri, headers, body) -> wire(uri).send(method, uri, headers, body), userAgent);
  }

  private Wire wire(URI uri) {
    return isRegistryHost(uri) ? registryWire : otherWire();
  }

  /** The wire for other origins (redirect targets, token services): system trust only. */
  private Wire otherWire() {
    Wire w = otherWire;
    if (w == null) {
      synchronized (this) {
        w = otherWire;
        if (w == null) {
          w = new Wire(TlsContexts.trusting(List.of()), config.proxy());
          otherWire = w;
        }
      }
    }
    return w;
  }

  private boolean isRegistryHost(URI uri) {
    String h = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    return h.equalsIgnoreCase(host);
  }

  /** Whether {@code host[:port]} names this machine (Docker lets such registries use plain http). */
  public static boolean isLoopback(String hostPort) {
    String h = hostPort;
    if (h.startsWith("[")) {
      h = h.substring(1, h.indexOf(']'));
    } else if (h.indexOf(':') == h.lastIndexOf(':') && h.contains(":")) {
      h = h.substring(0, h.indexOf(':'));
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public String registry() {
    return registry;
  }


  /** The base URL ({@code scheme://host}), pinging the registry the first time. */
  public URI base() {
    URI b = base;
    if (b == null) {
      b = probe();
    }
    return b;
  }

  private synchronized URI probe() {
    if (base != null) {
      return base;
    }
    List<String> schemes = !plainHttpAllowed ? List.of("https")
        : caFiles.isEmpty() ? List.of("http", "https") : List.of("https", "http");
    Exception last = null;
    for (int attempt = 1; ; attempt++) {
      Optional<String> retryAfter = Optional.empty();
      boolean busy = false;
      for (int i = 0; i < schemes.size(); i++) {
        String scheme = schemes.get(i);
        URI ping = URI.create(scheme + "://" + host + "/v2/");
        try {
          Response resp = registryWire.send("GET", ping, Map.of("User-Agent", userAgent), Optional.empty());
          int s = resp.status();
          if (scheme.equals("http") && s == 400) {
            // a TLS server answering plain http ("Client sent an HTTP request to an HTTPS server")
            resp.discard();
            if (i + 1 < schemes.size() || last != null) {
              continue;
            }
          }
          if (RetryPolicy.retryableStatus(s)) {
            retryAfter = resp.header("Retry-After");
            resp.discard();
            schemes = List.of(scheme);
            busy = true;
            break;
          }
          if (s == 401) {
            resp.header("WWW-Authenticate").flatMap(Challenge::parse).ifPresent(auth::learn);
          }
          resp.discard();
          base = URI.create(scheme + "://" + host);
          return base;
        } catch (IOException e) {
          last = e;
        }
      }
      if (!busy && (last instanceof SSLException || refusedForGood(last))) {
        throw networkError("", last);
      }
      if (attempt >= retry.maxAttempts()) {
        if (busy) {
          throw new RegistryException(registry, "", 503, "registry busy, gave up after " + attempt + " tries");
        }
        throw networkError("", last);
      }
      try {
        RetryPolicy.pause(retry.delay(attempt, retryAfter));
      } catch (InterruptedIOException e) {
        throw new RegistryException(registry, "", "interrupted", e);
      }
    }
  }

  /**
   * Sends {@code request} for {@code repository} (empty for registry-wide calls) and returns the
   * answer, whatever its status, once redirects, authentication and retries are done. Network
   * failures that outlast the retries become a {@link RegistryException}.
   */
  public Response send(Request request, String repository) {
    URI b = base();
    boolean authRetried = false;
    for (int attempt = 1; ; attempt++) {
      Response resp;
      try {
        resp = exchange(request, b);
      } catch (IOException e) {
        if (e instanceof InterruptedIOException || !request.retryable() || attempt >= retry.maxAttempts()
            || e instanceof SSLHandshakeException || refusedForGood(e)) {
          throw networkError(repository, e);
        }
        pause(attempt, Optional.empty(), repository);
        continue;
      }
      if (resp.status() == 401 && !authRetried) {
        if (auth.onUnauthorized(challenge(resp), request.scopes())) {
          resp.discard();
          authRetried = true;
          attempt--;
          continue;
        }
      }
      if (request.retryable() && RetryPolicy.retryableStatus(resp.status()) && attempt < retry.maxAttempts()) {
        Optional<String> after = resp.header("Retry-After");
        resp.discard();
        pause(attempt, after, repository);
        continue;
      }
      return resp;
    }
  }

  /** Sends once, without the transport's own retries (but with redirects and authentication). */
  public Response exchangeOnce(Request request) throws IOException {
    URI b = base();
    Response resp = exchange(request, b);
    if (resp.status() == 401) {
      if (auth.onUnauthorized(challenge(resp), request.scopes())) {
        resp.discard();
        return exchange(request, b);
      }
    }
    return resp;
  }

  /**
   * The challenge of a 401: its own, or, when the JDK dropped the answer's headers (a 401 to a
   * streamed upload), the one already known, so a stale token is still refreshed once.
   */
  private Optional<Challenge> challenge(Response resp) {
    Optional<Challenge> own = resp.header("WWW-Authenticate").flatMap(Challenge::parse);
    return own.isPresent() || resp.hasHeaders() ? own : auth.knownChallenge();
  }

  private void pause(int attempt, Optional<String> retryAfter, String repository) {
    try {
      RetryPolicy.pause(retry.delay(attempt, retryAfter));
    } catch (InterruptedIOException e) {
      throw new RegistryException(registry, repository, "interrupted", e);
    }
  }

  /** The retry policy, for callers that retry whole sequences (upload sessions). */
  public RetryPolicy retryPolicy() {
    return retry;
  }

  private Response exchange(Request request, URI b) throws IOException {
    URI uri = request.target().startsWith("http://") || request.target().startsWith("https://")
        ? URI.create(request.target()) : b.resolve(request.target());
    String method = request.method();
    boolean withBody = request.body().isPresent();
    boolean credentialsAllowed = RedirectGuard.sameOrigin(uri, b);
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("User-Agent", userAgent);
      headers.putAll(request.headers());
      if (credentialsAllowed) {
        auth.authorization(request.scopes()).ifPresent(v -> headers.put("Authorization", v));
      }
      Wire w = RedirectGuard.sameOrigin(uri, b) ? registryWire : otherWire();
      Response resp = w.send(method, uri, headers, withBody ? request.body() : Optional.empty());
      Optional<String> location = resp.header("Location");
      if (!RedirectGuard.isRedirect(resp.status()) || location.isEmpty()) {
        return resp;
      }
      URI next = uri.resolve(location.get().trim());
      resp.discard();
      if (!RedirectGuard.allowed(uri, next)) {
        throw new RegistryException(registry, "", resp.status(),
            "refused redirect from " + uri.getScheme() + "://" + uri.getHost() + " to " + next.getScheme() + "://"
                + next.getHost() + " (HTTP " + resp.status() + ")");
      }
      credentialsAllowed = credentialsAllowed && RedirectGuard.sameOrigin(next, b);
      if (resp.status() == 303) {
        method = "GET";
        withBody = false;
      }
      uri = next;
    }
    throw new IOException("more than " + MAX_REDIRECTS + " redirects");
  }

  /** The one-line error for a failure to talk to the registry at all. */
  public RegistryException networkError(String repository, Exception e) {
    if (e instanceof ProxyRefusedException refused) {
      return new RegistryException(registry, repository, refused.status(), refused.getMessage());
    }
    String why;
    if (e == null) {
      why = "cannot connect";
    } else if (clientCertificateRefused(e) || (isTls() && reachedButRefused(e)
        && ClientCertificates.find(host, config.certsDirs()).isEmpty() && TlsContexts.asksForClientCertificate(host))) {
      why = ClientCertificates.find(host, config.certsDirs()).isEmpty()
          ? "the registry asks for a TLS client certificate; put client.cert and client.key in ~/.config/hoist/certs.d/"
              + host + "/"
          : "the registry refused hoist's TLS client certificate from certs.d/" + host;
    } else if (e instanceof SSLHandshakeException || (e instanceof SSLException && String.valueOf(e.getMessage()).contains("PKIX"))) {
      String m = String.valueOf(e.getMessage());
      why = m.contains("PKIX") || m.contains("certification path")
          ? "TLS certificate not trusted; put its CA in ~/.config/hoist/certs.d/" + host
              + "/ca.crt or use --insecure-registry " + host
          : "TLS handshake failed: " + firstLine(m);
    } else if (e instanceof java.net.ConnectException) {
      why = "cannot connect to " + host + ": connection refused";
    } else {
      why = "connection failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }
    return new RegistryException(registry, repository, why, e);
  }

  /** Whether the server ended the TLS session for want of an acceptable client certificate. */
  /** Whether calls go over TLS (the registry answered on https, or has not answered yet and https is tried first). */
  private boolean isTls() {
    URI b = base;
    return b == null || b.getScheme().equals("https");
  }

  /** A failure after the registry was reached (not a refused connection, an unknown host or a timeout). */
  private static boolean reachedButRefused(Exception e) {
    return !(e instanceof java.net.ConnectException || e instanceof UnknownHostException
        || e instanceof java.net.SocketTimeoutException);
  }

  /** A refusal no retry will lift: the proxy's, or the registry's of hoist's client certificate. */
  private static boolean refusedForGood(Throwable e) {
    return e instanceof ProxyRefusedException || clientCertificateRefused(e);
  }

  private static boolean clientCertificateRefused(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      if (c instanceof SSLException && (m.contains("certificate_required") || m.contains("bad_certificate"))) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
