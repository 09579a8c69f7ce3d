package dev.hoist.registry.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small forwarding HTTP proxy on loopback that wants {@code Proxy-Authorization: Basic} for one
 * user: it opens {@code CONNECT} tunnels and forwards absolute-form requests ({@code GET
 * http://host:port/path}). Every target host is reached on 127.0.0.1 at the requested port, so a
 * test names a loopback registry by a name (that only this proxy resolves) that hoist will not
 * bypass. A connection's first request is checked; the rest of it is piped as it is (the registry
 * accepts absolute-form requests). Wrong or missing credentials get a 407 and the connection stays
 * open for the retry. At most {@link #MAX_CONNECTIONS} connections are served at once.
 */
public final class ForwardProxy implements AutoCloseable {
  public static final int MAX_CONNECTIONS = 64;
  /** The one user this proxy lets through, and its password. */
  public static final String USER = "carrier";
  public static final String PASSWORD = "pr0xy-Secr3t";
  private static final int MAX_HEAD = 64 * 1024;
  private final String expected;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2 * MAX_CONNECTIONS + 1, r -> {
    Thread t = new Thread(r, "forward-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();

  public ForwardProxy() throws IOException {
    this.expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /** {@code http://USER:PASSWORD@127.0.0.1:PORT}, for {@code HTTPS_PROXY}. */
  public String url() {
    return url(PASSWORD);
  }

  /** The proxy's URL with {@code password} for its user, e.g. a wrong one. */
  public String url(String password) {
    return "http://" + USER + ":" + password + "@127.0.0.1:" + server.getLocalPort();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** CONNECT tunnels opened after a valid {@code Proxy-Authorization}. */
  public int tunnels() {
    return tunnels.get();
  }

  /** Absolute-form requests forwarded after a valid {@code Proxy-Authorization}. */
  public int forwarded() {
    return forwarded.get();
  }

  /** Requests answered 407. */
  public int refused() {
    return refused.get();
  }

  /** The most client connections open at once: how many requests a client had in flight together. */
  public int mostOpen() {
    return mostOpen.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (open.size() >= MAX_CONNECTIONS) {
          client.close();
          continue;
        }
        open.add(client);
        mostOpen.accumulateAndGet(open.size(), Math::max);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (!authorized(lines)) {
          refused.incrementAndGet();
          out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"hoist-test-proxy\"\r\n"
              + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          continue;
        }
        if (requestLine[0].equals("CONNECT")) {
          int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
          try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
            tunnels.incrementAndGet();
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pipe(in, out, target);
          }
          return;
        }
        URI uri = URI.create(requestLine[1]);
        try (Socket target = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
          forwarded.incrementAndGet();
          StringBuilder rewritten = new StringBuilder(requestLine[0]).append(' ').append(uri.getRawPath())
              .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(requestLine[2]).append("\r\n");
          for (int i = 1; i < lines.length; i++) {
            if (!lines[i].toLowerCase(Locale.ROOT).startsWith("proxy-")) {
              rewritten.append(lines[i]).append("\r\n");
            }
          }
          target.getOutputStream().write(rewritten.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
          pipe(in, out, target);
        }
        return;
      }
    } catch (IOException | RuntimeException e) {
      // the client or the registry went away: the connection ends here
    } finally {
      open.remove(client);
    }
  }

  private boolean authorized(String[] lines) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("Proxy-Authorization")) {
        return lines[i].substring(colon + 1).trim().equals(expected);
      }
    }
    return false;
  }

  /** Copies both ways until either side closes. */
  private void pipe(InputStream clientIn, OutputStream clientOut, Socket target) throws IOException {
    InputStream targetIn = target.getInputStream();
    threads.execute(() -> {
      try {
        targetIn.transferTo(clientOut);
      } catch (IOException e) {
        // the client closed first
      } finally {
        try {
          target.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    });
    try {
      clientIn.transferTo(target.getOutputStream());
    } catch (IOException e) {
      // the registry closed first
    }
  }

  /** The request head up to the blank line, null at the end of the stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (head.size() >= MAX_HEAD) {
        throw new IOException("request head too long");
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String s = head.toString(StandardCharsets.ISO_8859_1);
    return s.substring(0, s.length() - 4);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
  }
}
