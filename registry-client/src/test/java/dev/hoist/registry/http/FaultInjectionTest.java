package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.Repository;
import dev.hoist.registry.copy.CopyListener;
import dev.hoist.registry.copy.CopyResult;
import dev.hoist.registry.copy.PlatformSelection;
import dev.hoist.registry.copy.RegistryCopier;
import dev.hoist.registry.testing.FaultProxy;
import dev.hoist.registry.testing.FaultProxy.Fault;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestImage;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pushes, pulls and copies through a proxy that resets connections mid-blob and answers 503 and
 * 429: every operation completes with the right digests, and every planned fault happened.
 */
class FaultInjectionTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
  @RegisterExtension static RegistryExtension other = RegistryExtension.plain();
  static FaultProxy proxy;

  @BeforeAll
  static void startProxy() throws Exception {
    proxy = new FaultProxy(registry.port());
  }

  @AfterAll
  static void stopProxy() throws Exception {
    proxy.close();
  }

  private static RegistryClient viaProxy() {
    return RegistryClient.create(proxy.hostPort(), registry.clientConfig());
  }

  @Test
  void chunkedUploadResumesWhereTheSessionStopped() throws Exception {
    TestImage image = TestImage.random(1200 * 1024);
    RegistryClient chunked = RegistryClient.create(proxy.hostPort(),
        registry.clientConfig().withChunking(256 * 1024, 256 * 1024));
    int before = proxy.injected();
    // The first connection carries the ping, HEADs and POSTs (HttpURLConnection); PATCH chunks go
    // over java.net.http's own connections, which meet the faults.
    proxy.plan(List.of(new Fault.Forward(), new Fault.ResetUpload(500 * 1024), new Fault.Unavailable(),
        new Fault.ResetUpload(400 * 1024)));
    image.push(chunked.repository("chunky"), "v1");
    assertThat(proxy.pending()).isZero();
    assertThat(proxy.injected()).isEqualTo(before + 3);
    Descriptor layer = image.manifest().layers().get(0);
    try (InputStream in = registry.client().repository("chunky").openBlob(layer)) {
      assertThat(Digest.sha256(in)).isEqualTo(layer.digest());
    }
  }

  @Test
  void pushPullAndCopySurviveResetsAnd503And429() throws Exception {
    TestImage image = TestImage.random(1024 * 1024, 700 * 1024);

    int before = proxy.injected();
    proxy.plan(List.of(new Fault.Unavailable(), new Fault.TooManyRequests(), new Fault.ResetUpload(300 * 1024),
        new Fault.Unavailable(), new Fault.ResetUpload(600 * 1024)));
    image.push(viaProxy().repository("faulty"), "v1");
    assertThat(proxy.pending()).isZero();
    assertThat(proxy.injected()).isEqualTo(before + 5);
    assertThat(registry.client().repository("faulty").manifest("v1").digest()).isEqualTo(image.digest());

    proxy.plan(List.of(new Fault.ResetDownload(200 * 1024), new Fault.TooManyRequests(),
        new Fault.ResetDownload(400 * 1024), new Fault.Unavailable()));
    Repository pulled = viaProxy().repository("faulty");
    assertThat(pulled.manifest("v1").digest()).isEqualTo(image.digest());
    for (int i = 0; i < image.layers().size(); i++) {
      Descriptor layer = image.manifest().layers().get(i);
      try (InputStream in = pulled.openBlob(layer)) {
        assertThat(Digest.sha256(in)).isEqualTo(layer.digest());
      }
    }
    assertThat(proxy.pending()).isZero();
    assertThat(proxy.injected()).isEqualTo(before + 9);

    proxy.plan(List.of(new Fault.Unavailable(), new Fault.ResetDownload(500 * 1024), new Fault.TooManyRequests(),
        new Fault.ResetDownload(300 * 1024)));
    RegistryConfig config = registry.clientConfig().withParallelTransfers(2);
    CopyResult result = new RegistryCopier(new RegistryClients(config)).copy(
        ImageReference.parse(proxy.hostPort() + "/faulty:v1"), ImageReference.parse(other.hostPort() + "/copied:v1"),
        PlatformSelection.all(), CopyListener.NONE);
    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(proxy.pending()).isZero();
    Repository copied = other.client().repository("copied");
    for (Descriptor layer : image.manifest().layers()) {
      try (InputStream in = copied.openBlob(layer)) {
        assertThat(Digest.sha256(in)).isEqualTo(layer.digest());
      }
    }
  }
}
