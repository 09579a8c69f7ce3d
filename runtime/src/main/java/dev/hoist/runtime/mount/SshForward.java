package dev.hoist.runtime.mount;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SSH agent forwarded into a RUN as BuildKit forwards it: through a socket of its own in the
 * run's private folder, which takes the owner and mode the mount asks for without touching the
 * agent's socket, each connection to it relayed to the agent, bytes as they come, until the run
 * ends. A connection the agent refuses is closed, as a dead agent's would be.
 */
final class SshForward implements AutoCloseable {
  private static final int BUFFER = 16 * 1024;

  private final ServerSocketChannel server;
  private final Path socket;
  private final Path agent;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

  private SshForward(ServerSocketChannel server, Path socket, Path agent) {
    this.server = server;
    this.socket = socket;
    this.agent = agent;
  }

  /** Listens at {@code socket} (which must not exist) and relays to the agent at {@code agent}. */
  static SshForward start(Path agent, Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      server.close();
      throw e;
    }
    SshForward forward = new SshForward(server, socket, agent);
    daemon("hoist-ssh-forward", forward::acceptAll);
    return forward;
  }

  private void acceptAll() {
    while (true) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      SocketChannel upstream;
      try {
        upstream = SocketChannel.open(UnixDomainSocketAddress.of(agent));
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      open.add(client);
      open.add(upstream);
      AtomicInteger directions = new AtomicInteger(2);
      daemon("hoist-ssh-relay", () -> relay(client, upstream, directions));
      daemon("hoist-ssh-relay", () -> relay(upstream, client, directions));
    }
  }

  /** Copies {@code from} to {@code to} until end of stream; the second direction to end closes both. */
  private void relay(SocketChannel from, SocketChannel to, AtomicInteger directions) {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try {
      while (from.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          to.write(buf);
        }
        buf.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      directions.set(1);
    }
    if (directions.decrementAndGet() <= 0) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(SocketChannel c) {
    open.remove(c);
    try {
      c.close();
    } catch (IOException e) {
      // Closing is all that is left to do with this connection.
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  /** Stops listening, drops the connections still open and removes the socket. */
  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(this::closeQuietly);
    Files.deleteIfExists(socket);
  }
}
