package dev.hoist.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import dev.hoist.registry.Environment;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.http.EnvProxySelector;
import dev.hoist.registry.testing.ForwardProxy;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import dev.hoist.transfer.testing.BusyboxImage;
import dev.hoist.transfer.testing.Tool;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull between the store and a real registry (docker-registry), checked with skopeo. */
class RegistryTransferTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
  @TempDir Path tmp;

  @Test
  void pushThenPullGivesTheSameImage() throws Exception {
    LocalStore store = LocalStore.open(tmp.resolve("a"));
    RegistryClients clients = new RegistryClients(registry.clientConfig());
    String remote = registry.hostPort() + "/fixtures/busybox:1";
    Descriptor pushed = BusyboxImage.pushTo(store, tmp, clients, remote);

    Tool.assume("skopeo");
    String inspected = Tool.run("skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + remote);
    assertThat(dev.hoist.oci.Digest.sha256(inspected.strip())).isEqualTo(pushed.digest());

    LocalStore other = LocalStore.open(tmp.resolve("b"));
    CopiedImage pulled = new Transfers(other, clients).pull(remote, Optional.empty());
    assertThat(pulled.descriptor().digest()).isEqualTo(pushed.digest());
    assertThat(other.resolve(remote).orElseThrow().descriptor().digest()).isEqualTo(pushed.digest());
    Path rootfs = tmp.resolve("rootfs");
    new RootfsExporter(other).toDirectory(remote, Optional.empty(), rootfs);
    assertThat(rootfs.resolve("bin/busybox")).hasSameBinaryContentAs(BusyboxImage.BUSYBOX);
  }

  @Test
  void copiesArchivesToAndFromTheRegistry() throws Exception {
    LocalStore store = LocalStore.open(tmp.resolve("a"));
    BusyboxImage.importInto(store, "bb", tmp);
    Transfers transfers = new Transfers(store, new RegistryClients(registry.clientConfig()));
    Path archive = tmp.resolve("bb.tar");
    transfers.save(java.util.List.of("bb"), archive, ArchiveFormat.DOCKER, Optional.empty());
    String remote = registry.hostPort() + "/from/archive:v1";
    transfers.copy(Endpoint.parse("docker-archive:" + archive), Endpoint.parse(remote), Optional.empty());
    transfers.copy(Endpoint.parse("docker://" + remote), Endpoint.parse("oci-archive:" + tmp.resolve("o.tar") + ":x"),
        Optional.empty());
    assertThat(transfers.load(tmp.resolve("o.tar"))).extracting(c -> c.name().orElseThrow()).containsExactly("x:latest");
  }

  @Test
  void pullAndPushMoveBlobsInParallelBoundedByTheConfiguration() throws Exception {
    TestImage image = registry.pushRandomImage("par/app", "v1", 300_000, 300_000, 300_000, 300_000, 300_000, 300_000,
        300_000, 300_000);
    String host = registry.proxiedHostPort();
    int[] mostOpen = new int[2];
    for (int parallel : new int[] {4, 1}) {
      LocalStore store = LocalStore.open(tmp.resolve("par" + parallel));
      try (ForwardProxy proxy = new ForwardProxy()) {
        // named through the proxy, which counts the connections the client holds open at once
        RegistryConfig config = registry.clientConfig()
            .withProxy(EnvProxySelector.from(new Environment(Map.of("HTTP_PROXY", proxy.url()), tmp)))
            .withInsecureRegistries(Set.of(host))
            .withParallelTransfers(parallel);
        Transfers transfers = new Transfers(store, new RegistryClients(config));
        CopiedImage pulled = transfers.pull(host + "/par/app:v1", Optional.empty());
        assertThat(pulled.descriptor().digest()).isEqualTo(image.digest());
        transfers.push(host + "/par/app:v1", Optional.of(host + "/par/copy" + parallel + ":v1"));
        assertThat(registry.client().repository("par/copy" + parallel).manifest("v1").digest()).isEqualTo(image.digest());
        mostOpen[parallel == 1 ? 1 : 0] = proxy.mostOpen();
        assertThat(proxy.forwarded()).isPositive();
      }
    }
    // The proxy counts a connection until it sees it close, which can come just after the client
    // opened the next one; so one transfer at a time may show as two connections, never as three.
    assertThat(mostOpen[0]).as("connections at once with 4 transfers").isBetween(3, 5);
    assertThat(mostOpen[1]).as("connections at once with 1 transfer").isBetween(1, 2);
  }

  @Test
  void pullsAManifestImageAndNamesAMissingRepository() throws Exception {
    registry.pushRandomImage("random/app", "v1", 1024);
    LocalStore store = LocalStore.open(tmp.resolve("c"));
    Transfers transfers = new Transfers(store, new RegistryClients(registry.clientConfig()));
    CopiedImage pulled = transfers.pull(registry.hostPort() + "/random/app:v1", Optional.of(Platform.parse("linux/amd64")));
    assertThat(store.hasBlob(pulled.descriptor().digest())).isTrue();
    assertThatThrownBy(() -> transfers.pull(registry.hostPort() + "/random/nope:v1", Optional.empty()))
        .isInstanceOf(HoistException.class).hasMessageContaining("random/nope");
  }
}
