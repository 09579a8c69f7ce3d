package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import dev.hoist.registry.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry on https that requires a TLS client certificate, found in certs.d like Docker's. */
class ClientCertificateTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tlsWithClientCertificates();
  @TempDir Path home;

  /** A certs.d root with the registry's CA and, when {@code key} is given, client.cert + client.key. */
  private Path certsDir(String key) throws IOException {
    Path hostDir = registry.trustIn(home.resolve("certs.d"));
    if (key != null) {
      TestPki.writePem(hostDir.resolve("client.cert"), registry.clientCertificate().certificate());
      Files.writeString(hostDir.resolve("client.key"), key);
    }
    return home.resolve("certs.d");
  }

  private RegistryClient client(Path certsDir) {
    return RegistryClient.create(registry.hostPort(), registry.clientConfig().withCertsDirs(List.of(certsDir)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  @Test
  void withoutACertificateTheErrorIsOneClearLine() throws IOException {
    RegistryClient client = client(certsDir(null));
    assertThatThrownBy(() -> client.repository("app").tags())
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry " + registry.hostPort() + ": ")
        .hasMessageContaining("client certificate")
        .hasMessageNotContaining("\n");
  }

  @Test
  void pushAndPullWithAPkcs1Key() throws IOException {
    Path dir = home.resolve("pkcs1");
    Files.createDirectories(dir);
    TestPki.writePem(dir.resolve("k.pem"), registry.clientCertificate().keys().getPrivate());
    String key = Files.readString(dir.resolve("k.pem"));
    assertThat(key).contains("BEGIN RSA PRIVATE KEY");
    RegistryClient client = client(certsDir(key));
    TestImage image = TestImage.random(50_000).push(client.repository("mtls/app"), "v1");
    assertThat(client(home.resolve("certs.d")).repository("mtls/app").manifest("v1").digest()).isEqualTo(image.digest());
  }

  @Test
  void pushAndPullWithAPkcs8Key() throws IOException {
    RegistryClient client = client(certsDir(pem("PRIVATE KEY", registry.clientCertificate().keys().getPrivate().getEncoded())));
    TestImage image = TestImage.random(20_000).push(client.repository("mtls/pkcs8"), "v1");
    assertThat(client.repository("mtls/pkcs8").manifest("v1").digest()).isEqualTo(image.digest());
  }

  @Test
  void anUnreadableKeyIsNamed() throws IOException {
    RegistryClient client = client(certsDir(pem("PRIVATE KEY", new byte[] {1, 2, 3})));
    assertThatThrownBy(() -> client.repository("app").tags())
        .isInstanceOf(HoistException.class)
        .hasMessageContaining("client.key");
  }
}
