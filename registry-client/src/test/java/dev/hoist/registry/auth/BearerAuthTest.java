package dev.hoist.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Descriptor;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import dev.hoist.registry.testing.TokenServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Bearer token flow against a registry trusting a test token server's JWTs. */
class BearerAuthTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.bearerAuth();

  @Test
  void tokensArePerScopeAndCached() {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    RegistryClient client = registry.client();
    TestImage image = TestImage.random(500).push(client.repository("team/one"), "v1");
    int afterPush = tokens.tokensIssued();
    assertThat(tokens.scopesSeen()).contains("repository:team/one:pull,push");
    Repository repo = client.repository("team/one");
    assertThat(repo.manifest("v1").digest()).isEqualTo(image.digest());
    assertThat(repo.manifest("v1").digest()).isEqualTo(image.digest());
    assertThat(tokens.tokensIssued()).isEqualTo(afterPush + 1);
    assertThat(tokens.scopesSeen()).contains("repository:team/one:pull");
  }

  @Test
  void aTokenTheRegistryRejectsIsReplacedOnce() {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    TestImage image = registry.pushRandomImage("team/expiring", "v1", 100);
    RegistryClient client = registry.client();
    tokens.expireNextTokens(1);
    int before = tokens.tokensIssued();
    assertThat(client.repository("team/expiring").manifest("v1").digest()).isEqualTo(image.digest());
    assertThat(tokens.tokensIssued()).isEqualTo(before + 2);
  }

  @Test
  void mountAsksForBothRepositories() {
    RegistryClient client = registry.client();
    TestImage image = TestImage.random(500).push(client.repository("team/src"), "v1");
    Descriptor layer = image.manifest().layers().get(0);
    UploadOutcome o = client.repository("team/dst").uploadBlob(layer.digest(), layer.size(),
        offset -> { throw new AssertionError("mount must not upload"); }, Optional.of("team/src"));
    assertThat(o).isEqualTo(UploadOutcome.MOUNTED);
    assertThat(registry.tokenServer().orElseThrow().scopesSeen()).anyMatch(s -> s.contains("repository:team/src:pull"));
  }

  @Test
  void catalogNeedsRegistryScope() {
    registry.pushRandomImage("team/listed", "v1", 100);
    assertThat(registry.client().catalog()).contains("team/listed");
  }

  @Test
  void badCredentialsAtTheTokenServiceAreOneLine() {
    RegistryClient client = RegistryClient.create(registry.hostPort(), registry.clientConfig()
        .withCredentials(CredentialStore.of(Map.of(registry.hostPort(), new Credential.Basic("hoist", "nope")))));
    assertThatThrownBy(() -> client.repository("team/one").tags())
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry " + registry.hostPort() + ": token service refused the credentials (HTTP 401)");
  }
}
