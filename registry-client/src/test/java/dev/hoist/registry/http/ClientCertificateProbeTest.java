package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.registry.testing.RegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handshake that tells a registry asking for a client certificate from one that does not, which
 * names the cause when TLS 1.3 lets the refusal surface only as a failed write.
 */
class ClientCertificateProbeTest {
  @RegisterExtension static RegistryExtension mtls = RegistryExtension.tlsWithClientCertificates();
  @RegisterExtension static RegistryExtension plainTls = RegistryExtension.tlsWithBasicAuth();

  @Test
  void seesWhoAsksForAClientCertificate() {
    assertThat(TlsContexts.asksForClientCertificate(mtls.hostPort())).isTrue();
    assertThat(TlsContexts.asksForClientCertificate(plainTls.hostPort())).isFalse();
  }
}
