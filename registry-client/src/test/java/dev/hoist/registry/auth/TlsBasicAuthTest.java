package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.manifest.RawManifest;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registry on https with a private CA and htpasswd (bcrypt) Basic auth. */
class TlsBasicAuthTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tlsWithBasicAuth();

  @Test
  void pushAndPullWithCaFromCertsDirAndBasicCredentials() {
    TestImage image = registry.pushRandomImage("secure/app", "v1", 1000);
    RawManifest m = registry.client().repository("secure/app").manifest("v1");
    assertThat(m.digest()).isEqualTo(image.digest());
  }

  @Test
  void untrustedCertificateIsRefusedWithAHint() {
    RegistryClient client = RegistryClient.create(registry.hostPort(), registry.clientConfig().withCertsDirs(List.of()));
    assertThatThrownBy(() -> client.repository("secure/app").tags())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("registry " + registry.hostPort())
        .hasMessageContaining("certificate not trusted")
        .hasMessageContaining("--insecure-registry");
  }

  @Test
  void insecureRegistrySkipsVerification() {
    registry.pushRandomImage("secure/insecure", "v1", 100);
    RegistryClient client = RegistryClient.create(registry.hostPort(),
        registry.clientConfig().withCertsDirs(List.of()).withInsecureRegistries(Set.of(registry.hostPort())));
    assertThat(client.repository("secure/insecure").tags()).containsExactly("v1");
  }

  @Test
  void wrongPasswordIsA401NamingTheRegistry() {
    RegistryClient client = RegistryClient.create(registry.hostPort(), registry.clientConfig()
        .withCredentials(CredentialStore.of(Map.of(registry.hostPort(), new Credential.Basic("hoist", "wrong")))));
    assertThatThrownBy(() -> client.repository("secure/app").manifest("v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry " + registry.hostPort() + ": repository secure/app: ")
        .hasMessageContaining("(HTTP 401)")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void anonymousIsRefused() {
    RegistryClient client = RegistryClient.create(registry.hostPort(),
        registry.clientConfig().withCredentials(CredentialStore.anonymous()));
    assertThatThrownBy(() -> client.repository("secure/app").tags())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("(HTTP 401)");
  }
}
