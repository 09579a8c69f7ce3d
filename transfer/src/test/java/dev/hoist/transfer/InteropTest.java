package dev.hoist.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Json;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.Platform;
import dev.hoist.transfer.testing.BusyboxImage;
import dev.hoist.transfer.testing.Tool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What hoist writes, skopeo and umoci read; what skopeo writes, hoist loads. */
class InteropTest {
  @TempDir Path tmp;
  LocalStore store;
  Descriptor busybox;

  @BeforeEach
  void setUp() throws IOException {
    store = LocalStore.open(tmp.resolve("home"));
    busybox = BusyboxImage.importInto(store, "busybox", tmp);
  }

  private ImageConfig config(LocalStore s, Descriptor manifest) throws IOException {
    Manifest m = Manifest.parse(s.readBlob(manifest.digest()), "manifest");
    return ImageConfig.parse(s.readBlob(m.config().digest()), "config");
  }

  @Test
  void skopeoInspectsTheStoreAsOciLayout() throws Exception {
    Tool.assume("skopeo");
    JsonNode raw = Json.mapper().readTree(Tool.run("skopeo", "inspect", "--raw",
        "oci:" + store.home() + ":busybox:latest"));
    assertThat(raw.path("config").path("digest").asText())
        .isEqualTo(Manifest.parse(store.readBlob(busybox.digest()), "m").config().digest().toString());
    JsonNode info = Json.mapper().readTree(Tool.run("skopeo", "inspect", "oci:" + store.home() + ":busybox:latest"));
    assertThat(info.path("Os").asText()).isEqualTo("linux");
    assertThat(info.path("Layers")).hasSize(1);
  }

  @Test
  void umociUnpacksTheStore() throws Exception {
    Tool.assume("umoci");
    Path bundle = tmp.resolve("bundle");
    Tool.run("umoci", "unpack", "--image", store.home() + ":busybox:latest", bundle.toString());
    Path rootfs = bundle.resolve("rootfs");
    assertThat(rootfs.resolve("bin/busybox")).isRegularFile();
    assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
    assertThat(Files.getAttribute(rootfs.resolve("tmp"), "unix:mode")).isEqualTo(041777);
    assertThat(bundle.resolve("config.json")).content().contains("\"sh\"");
  }

  @Test
  void skopeoReadsOciAndDockerArchivesHoistWrote() throws Exception {
    Tool.assume("skopeo");
    Path oci = tmp.resolve("img-oci.tar");
    Path docker = tmp.resolve("img-docker.tar");
    Transfers transfers = new Transfers(store);
    transfers.save(List.of("busybox"), oci, ArchiveFormat.OCI, Optional.empty());
    transfers.save(List.of("busybox"), docker, ArchiveFormat.DOCKER, Optional.empty());
    JsonNode fromOci = Json.mapper().readTree(Tool.run("skopeo", "inspect", "oci-archive:" + oci + ":busybox:latest"));
    JsonNode fromDocker = Json.mapper().readTree(Tool.run("skopeo", "inspect", "docker-archive:" + docker));
    assertThat(fromDocker.path("Layers")).hasSize(1);
    assertThat(Tool.run("tar", "-xOf", docker.toString(), "manifest.json")).contains("\"RepoTags\":[\"busybox:latest\"]");
    assertThat(Tool.run("tar", "-xOf", docker.toString(), "repositories")).contains("\"busybox\":{\"latest\":");
    assertThat(fromOci.path("Architecture").asText()).isEqualTo(Platform.host().architecture());
    // skopeo copies both into an OCI layout and verifies every digest on the way
    Tool.run("skopeo", "copy", "oci-archive:" + oci + ":busybox:latest", "oci:" + tmp.resolve("copy1") + ":a");
    Tool.run("skopeo", "copy", "docker-archive:" + docker, "oci:" + tmp.resolve("copy2") + ":b");
    LocalStore copy2 = LocalStore.open(tmp.resolve("copy2"));
    assertThat(config(copy2, copy2.resolve("b").orElseThrow().descriptor()).rootfs().diffIds())
        .isEqualTo(config(store, busybox).rootfs().diffIds());
  }

  @Test
  void loadsArchivesSkopeoWrote() throws Exception {
    Tool.assume("skopeo");
    Path docker = tmp.resolve("skopeo-docker.tar");
    Path oci = tmp.resolve("skopeo-oci.tar");
    Tool.run("skopeo", "copy", "oci:" + store.home() + ":busybox:latest", "docker-archive:" + docker + ":example/bb:1");
    Tool.run("skopeo", "copy", "oci:" + store.home() + ":busybox:latest", "oci-archive:" + oci + ":bb-oci");
    LocalStore other = LocalStore.open(tmp.resolve("other"));
    Transfers transfers = new Transfers(other);
    List<CopiedImage> fromDocker = transfers.load(docker);
    List<CopiedImage> fromOci = transfers.load(oci);
    assertThat(fromDocker).extracting(c -> c.name().orElseThrow()).containsExactly("example/bb:1");
    assertThat(fromOci).extracting(c -> c.name().orElseThrow()).containsExactly("bb-oci:latest");
    List<?> want = config(store, busybox).rootfs().diffIds();
    assertThat(config(other, other.resolve("example/bb:1").orElseThrow().descriptor()).rootfs().diffIds()).isEqualTo(want);
    assertThat(config(other, other.resolve("bb-oci").orElseThrow().descriptor()).rootfs().diffIds()).isEqualTo(want);
    Path out = tmp.resolve("exported");
    new RootfsExporter(other).toDirectory("example/bb:1", Optional.empty(), out);
    assertThat(out.resolve("bin/busybox")).hasSameBinaryContentAs(BusyboxImage.BUSYBOX);
  }

  @Test
  void ociLayoutDirectoryRoundTrip() throws Exception {
    Tool.assume("skopeo");
    Path dir = tmp.resolve("layout");
    Transfers transfers = new Transfers(store);
    transfers.copy(Endpoint.parse("store:busybox"), Endpoint.parse("oci:" + dir + ":mytag"), Optional.empty());
    JsonNode info = Json.mapper().readTree(Tool.run("skopeo", "inspect", "oci:" + dir + ":mytag"));
    assertThat(info.path("Layers")).hasSize(1);
    transfers.copy(Endpoint.parse("oci:" + dir + ":mytag"), Endpoint.parse("store:copied:v2"), Optional.empty());
    assertThat(store.resolve("copied:v2").orElseThrow().descriptor().digest()).isEqualTo(busybox.digest());
  }

  @Test
  void exportFlattensToDirectoryAndTar() throws Exception {
    Path dir = tmp.resolve("rootfs");
    RootfsExporter exporter = new RootfsExporter(store);
    exporter.toDirectory("busybox", Optional.empty(), dir);
    assertThat(dir.resolve("etc/passwd")).content().contains("app:x:1000");
    Path tar = tmp.resolve("rootfs.tar");
    exporter.toTar("busybox", Optional.empty(), tar);
    assertThat(Tool.run("tar", "-tvf", tar.toString())).contains("bin/sh -> busybox", "drwxrwxrwt");
  }

  @Test
  void streamedOciArchiveAndRootfsTarAreTheBytesOfTheFileOnes() throws Exception {
    Transfers transfers = new Transfers(store);
    Path ociFile = tmp.resolve("file-oci.tar");
    transfers.copy(Endpoint.parse("store:busybox"), Endpoint.parse("oci-archive:" + ociFile + ":latest"), Optional.empty());
    ByteArrayOutputStream oci = new ByteArrayOutputStream();
    transfers.copyToOciArchive(Endpoint.parse("store:busybox"), oci, Optional.of("latest"));
    assertThat(oci.toByteArray()).isEqualTo(Files.readAllBytes(ociFile));

    RootfsExporter exporter = new RootfsExporter(store);
    Path tarFile = tmp.resolve("file-rootfs.tar");
    exporter.toTar("busybox", Optional.empty(), tarFile);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    exporter.toTar("busybox", Optional.empty(), tar);
    assertThat(tar.toByteArray()).isEqualTo(Files.readAllBytes(tarFile));
    try (Stream<Path> left = Files.list(store.home())) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".hoist-export-"));
    }
  }

  @Test
  void sameTreeImportedTwiceWithEpochGivesSameManifestDigest() throws Exception {
    LocalStore a = LocalStore.open(tmp.resolve("a"));
    LocalStore b = LocalStore.open(tmp.resolve("b"));
    Path workB = Files.createDirectories(tmp.resolve("somewhere/else"));
    Descriptor first = BusyboxImage.importReproducibly(a, "x", tmp, 1_700_000_000L);
    Thread.sleep(1100);
    Descriptor second = BusyboxImage.importReproducibly(b, "y", workB, 1_700_000_000L);
    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(new RootfsImporter(b, LayerWriter.defaults().withClampMtime(Optional.empty()))
        .importRootfs(BusyboxImage.writeRootfs(tmp.resolve("z")), "z", Platform.host(), List.of()).digest())
        .isNotEqualTo(first.digest());
  }
}
