package dev.hoist.registry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between a client and a registry that misbehaves on purpose. Each new connection takes
 * the next planned {@link Fault} (if any): answer 503, answer 429 with {@code Retry-After: 1}, or
 * forward and then reset the connection (RST) once a given number of bytes passed in one
 * direction. Connections without a fault are forwarded faithfully. Planning faults first closes
 * the connections already open, so the plan meets the client's next requests even when its HTTP
 * stack keeps connections alive across clients (as {@code HttpURLConnection} does).
 */
public final class FaultProxy implements AutoCloseable {
  /** One misbehaviour, applied to one connection. */
  public sealed interface Fault {
    /** Forwards faithfully: keeps a planned place for a connection that must not fail. */
    record Forward() implements Fault {}

    /** Answers {@code 503 Service Unavailable} and closes. */
    record Unavailable() implements Fault {}

    /** Answers {@code 429 Too Many Requests} with {@code Retry-After: 1} and closes. */
    record TooManyRequests() implements Fault {}

    /** Forwards, then resets after {@code bytes} bytes from the registry to the client. */
    record ResetDownload(long bytes) implements Fault {}

    /** Forwards, then resets after {@code bytes} bytes from the client to the registry. */
    record ResetUpload(long bytes) implements Fault {}
  }

  private final int targetPort;
  private final ServerSocket server;
  private final Queue<Fault> plan = new ConcurrentLinkedQueue<>();
  private final AtomicInteger injected = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  public FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String hostPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Queues faults for the next new connections, in order. */
  public void plan(List<Fault> faults) {
    for (Socket s : open) {
      closeQuietly(s);
    }
    plan.addAll(faults);
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** How many planned faults have happened. */
  public int injected() {
    return injected.get();
  }

  /** How many planned faults are still waiting for a connection. */
  public int pending() {
    return plan.size();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        Fault fault = plan.poll();
        Thread t = new Thread(() -> handle(client, fault), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void handle(Socket client, Fault fault) {
    try {
      if (fault instanceof Fault.Unavailable || fault instanceof Fault.TooManyRequests) {
        readRequestHead(client.getInputStream());
        String response = fault instanceof Fault.Unavailable
            ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            : "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        injected.incrementAndGet();
        client.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        closeQuietly(client);
        return;
      }
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      open.add(upstream);
      long downLimit = fault instanceof Fault.ResetDownload r ? r.bytes() : Long.MAX_VALUE;
      long upLimit = fault instanceof Fault.ResetUpload r ? r.bytes() : Long.MAX_VALUE;
      Runnable reset = () -> {
        if (injected != null) {
          try {
            client.setSoLinger(true, 0);
            upstream.setSoLinger(true, 0);
            client.close();
            upstream.close();
          } catch (IOException e) {
            // already gone
          }
        }
      };
      AtomicLong down = new AtomicLong();
      AtomicLong up = new AtomicLong();
      Thread t = new Thread(() -> pump(client, upstream, up, upLimit, reset), "fault-proxy-up");
      t.setDaemon(true);
      t.start();
      pump(upstream, client, down, downLimit, reset);
      open.remove(upstream);
      open.remove(client);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to, AtomicLong counter, long limit, Runnable reset) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) > 0; ) {
        long before = counter.getAndAdd(n);
        if (before + n > limit) {
          int allowed = (int) Math.max(0, limit - before);
          out.write(buf, 0, allowed);
          out.flush();
          injected.incrementAndGet();
          reset.run();
          return;
        }
        out.write(buf, 0, n);
      }
      to.shutdownOutput();
    } catch (IOException e) {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // both ends are going away
      }
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int state = 0;
    for (int b; (b = in.read()) >= 0; ) {
      state = switch (state) {
        case 0, 2 -> b == '\r' ? state + 1 : 0;
        case 1, 3 -> b == '\n' ? state + 1 : 0;
        default -> 0;
      };
      if (state == 4) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
