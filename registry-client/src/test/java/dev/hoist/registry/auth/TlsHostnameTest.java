package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.registry.RegistryException;
import dev.hoist.registry.testing.RegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A certificate from a trusted CA but for another host name is refused. */
class TlsHostnameTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tlsWithWrongHostname();

  @Test
  void certificateForAnotherHostIsRefused() {
    assertThatThrownBy(() -> registry.client().repository("app").tags())
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry " + registry.hostPort() + ": ")
        .hasMessageContaining("TLS handshake failed").hasMessageContaining("127.0.0.1");
  }
}
