package dev.hoist.runtime.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarded agent socket relays each connection to the agent, both ways, and is gone after the run. */
class SshForwardTest {
  @TempDir Path tmp;

  @Test
  void relaysBytesBothWaysAndRemovesItsSocket() throws Exception {
    Path agentPath = tmp.resolve("agent.sock");
    try (ServerSocketChannel agent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      agent.bind(UnixDomainSocketAddress.of(agentPath));
      Thread answering = new Thread(() -> {
        try (SocketChannel c = agent.accept()) {
          ByteBuffer in = ByteBuffer.allocate(64);
          while (c.read(in) >= 0) {
            in.flip();
            c.write(StandardCharsets.UTF_8.encode(StandardCharsets.UTF_8.decode(in).toString().toUpperCase()));
            in.clear();
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      answering.start();
      Path socket = tmp.resolve("forwarded");
      try (SshForward forward = SshForward.start(agentPath, socket)) {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
          client.write(StandardCharsets.UTF_8.encode("identities?"));
          client.shutdownOutput();
          ByteBuffer reply = ByteBuffer.allocate(64);
          while (client.read(reply) >= 0) {
            // until the agent's side ends
          }
          reply.flip();
          assertThat(StandardCharsets.UTF_8.decode(reply).toString()).isEqualTo("IDENTITIES?");
        }
        assertThat(socket).exists();
      }
      answering.join(5000);
      assertThat(answering.isAlive()).isFalse();
      assertThat(socket).doesNotExist();
    }
  }

  @Test
  void aConnectionTheAgentRefusesIsClosed() throws Exception {
    Path socket = tmp.resolve("forwarded");
    try (SshForward forward = SshForward.start(tmp.resolve("no-agent.sock"), socket);
         SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      assertThat(client.read(ByteBuffer.allocate(8))).isEqualTo(-1);
    }
    assertThat(Files.exists(socket)).isFalse();
  }
}
