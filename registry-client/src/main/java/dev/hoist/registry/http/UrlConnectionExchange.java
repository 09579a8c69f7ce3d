package dev.hoist.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * One request over {@code HttpURLConnection}: redirects and the JDK's own authentication off
 * (but for a proxy URL's credentials, see {@link ProxyCredentials}), TLS through the given context (host names checked by its trust managers, as the JDK does with
 * its default verifier), through the proxy the caller picked. Bodies up to {@link #BUFFERED_BODY} bytes
 * are sent buffered, so a 401 keeps its challenge; larger ones stream with a fixed length, where
 * the JDK reports a 401 without its headers (the transport then reuses the challenge it knows).
 */
final class UrlConnectionExchange {
  static final long BUFFERED_BODY = 64 * 1024;
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private static final int COPY_BUFFER = 256 * 1024;
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");
  private final SSLContext ssl;
  private final Optional<EnvProxySelector> proxy;
  private volatile SSLSocketFactory sockets;

  UrlConnectionExchange(SSLContext ssl, Optional<EnvProxySelector> proxy) {
    this.ssl = ssl;
    this.proxy = proxy;
  }

  /** Whether {@code HttpURLConnection} can send {@code method} (it cannot send PATCH). */
  static boolean sends(String method) {
    return METHODS.contains(method);
  }

  /** Sends one request; {@code via} is the proxy the selector picks for {@code uri}, if any. */
  Response send(String method, URI uri, Map<String, String> headers, Optional<BodySource> body,
      Optional<ProxyEndpoint> via) throws IOException {
    HttpURLConnection c = open(uri, via);
    c.setRequestMethod(method);
    c.setInstanceFollowRedirects(false);
    c.setAllowUserInteraction(false);
    c.setUseCaches(false);
    c.setConnectTimeout(CONNECT_TIMEOUT_MS);
    if (!headers.containsKey("Accept")) {
      c.setRequestProperty("Accept", "*/*");
    }
    headers.forEach(c::setRequestProperty);
    try {
      if (body.isPresent()) {
        write(c, body.get());
      } else if (method.equals("POST") || method.equals("PUT")) {
        c.setDoOutput(true);
        c.getOutputStream().close();
      }
      int status = c.getResponseCode();
      if (status < 0) {
        c.disconnect();
        throw new IOException("invalid HTTP answer from " + uri.getHost());
      }
      return new Response(status, headers(c), body(c, status), uri);
    } catch (HttpRetryException e) {
      // a 401 or 407 to a streamed body: the JDK drops the answer's headers and the connection
      return new Response(e.responseCode(), Map.of(), InputStream.nullInputStream(), uri);
    }
  }

  private HttpURLConnection open(URI uri, Optional<ProxyEndpoint> via) throws IOException {
    Proxy to = via.map(p -> new Proxy(Proxy.Type.HTTP, p.address())).orElse(Proxy.NO_PROXY);
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(to);
    proxy.flatMap(EnvProxySelector::credentials).ifPresent(c::setAuthenticator);
    if (c instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sockets());
    }
    return c;
  }

  private SSLSocketFactory sockets() {
    SSLSocketFactory f = sockets;
    if (f == null) {
      f = ssl.getSocketFactory();
      sockets = f;
    }
    return f;
  }

  private static void write(HttpURLConnection c, BodySource body) throws IOException {
    c.setDoOutput(true);
    if (body.length() > BUFFERED_BODY) {
      c.setFixedLengthStreamingMode(body.length());
    }
    try (InputStream in = body.open(); OutputStream out = c.getOutputStream()) {
      byte[] buf = new byte[(int) Math.min(COPY_BUFFER, Math.max(body.length(), 1))];
      long left = body.length();
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("request body ended " + left + " bytes early");
        }
        out.write(buf, 0, n);
        left -= n;
      }
    }
  }

  private static Map<String, List<String>> headers(HttpURLConnection c) {
    // in the order received (getHeaderFields() may list a repeated header's values backwards)
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; c.getHeaderField(i) != null; i++) {
      String name = c.getHeaderFieldKey(i);
      if (name != null) {
        all.computeIfAbsent(name, k -> new ArrayList<>()).add(c.getHeaderField(i));
      }
    }
    return all;
  }

  private static InputStream body(HttpURLConnection c, int status) throws IOException {
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    return in == null ? InputStream.nullInputStream() : in;
  }
}
