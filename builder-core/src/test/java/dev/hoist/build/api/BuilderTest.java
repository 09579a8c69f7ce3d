package dev.hoist.build.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.build.image.StoreImageSource;
import dev.hoist.build.progress.ProgressEvent;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.cache.compress.Compressors;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderTest {
  @TempDir Path tmp;
  Path ctx;
  LocalStore store;
  Builder builder;

  @BeforeEach
  void setUp() throws IOException {
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    store = LocalStore.open(tmp.resolve("home"));
    builder = new Builder(store, new StoreImageSource(store));
    Files.writeString(ctx.resolve("a.txt"), "alpha\n");
    Files.createDirectories(ctx.resolve("src/sub"));
    Files.writeString(ctx.resolve("src/one.go"), "one\n");
    Files.writeString(ctx.resolve("src/sub/two.go"), "two\n");
    Files.writeString(ctx.resolve("src/skip.log"), "log\n");
    Files.writeString(ctx.resolve(".dockerignore"), "**/*.log\n");
  }

  private BuildRequest request(String dockerfile) {
    return BuildRequest.of(ctx).withDockerfileText(dockerfile).withPlatforms(List.of(Platform.parse("linux/amd64")));
  }

  private Manifest manifest(BuildResult r) throws IOException {
    return Manifest.parse(store.readBlob(r.root().digest()), "manifest");
  }

  private ImageConfig config(BuildResult r) throws IOException {
    return ImageConfig.parse(store.readBlob(manifest(r).config().digest()), "config");
  }

  private List<String> layerEntries(BuildResult r, int layer) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = store.openBlob(manifest(r).layers().get(layer).digest());
        TarReader tar = new TarReader(Compressors.decompress(in))) {
      for (Optional<TarEntry> e; (e = tar.next()).isPresent(); ) {
        out.add(e.get().name() + " " + Integer.toOctalString(e.get().mode()) + " " + e.get().uid() + ":" + e.get().gid());
      }
    }
    return out;
  }

  private long blobCount() throws IOException {
    try (Stream<Path> s = Files.list(store.home().resolve("blobs/sha256"))) {
      return s.count();
    }
  }

  @Test
  void copiesWithDockerRulesAndIgnoresFiles() throws IOException {
    BuildResult r = builder.build(request("""
        FROM scratch
        WORKDIR /app
        COPY a.txt .
        COPY src/ ./src/
        COPY --chown=10:20 --chmod=0600 a.txt /etc/secret
        COPY src/*.go /globbed/
        """), e -> {});
    assertThat(layerEntries(r, 0)).containsExactly("app 755 0:0");
    assertThat(layerEntries(r, 1)).containsExactly("app/a.txt 644 0:0");
    assertThat(layerEntries(r, 2)).containsExactly("app/src 755 0:0", "app/src/one.go 644 0:0",
        "app/src/sub 755 0:0", "app/src/sub/two.go 644 0:0");
    assertThat(layerEntries(r, 3)).containsExactly("etc 755 0:0", "etc/secret 600 10:20");
    assertThat(layerEntries(r, 4)).containsExactly("globbed 755 0:0", "globbed/one.go 644 0:0");
    ImageConfig c = config(r);
    assertThat(c.config().workingDir()).isEqualTo("/app");
    assertThat(c.history()).extracting(h -> h.createdBy()).containsExactly("WORKDIR /app",
        "COPY a.txt . # buildkit", "COPY src/ ./src/ # buildkit", "COPY a.txt /etc/secret # buildkit",
        "COPY src/*.go /globbed/ # buildkit");
  }

  @Test
  void warmRebuildWritesNothingAndOneFileChangeRebuildsFromThere() throws IOException {
    String df = """
        FROM scratch
        COPY a.txt /
        ENV X=1
        COPY src /src
        LABEL l=v
        """;
    BuildResult cold = builder.build(request(df), e -> {});
    assertThat(cold.stepsRun()).isEqualTo(4);
    long blobs = blobCount();
    List<ProgressEvent> events = new ArrayList<>();
    BuildResult warm = builder.build(request(df), events::add);
    assertThat(warm.stepsRun()).isZero();
    assertThat(warm.root().digest()).isEqualTo(cold.root().digest());
    assertThat(blobCount()).isEqualTo(blobs);
    assertThat(events).filteredOn(e -> e instanceof ProgressEvent.StepFinished f && f.cached()).hasSize(4);

    BuildResult labelled = builder.build(request(df).withLabels(Map.of("extra", "1")), e -> {});
    assertThat(labelled.stepsRun()).isZero();
    assertThat(labelled.root().digest()).as("a remembered image is not reused for other labels")
        .isNotEqualTo(cold.root().digest());
    assertThat(builder.build(request(df).withLabels(Map.of("extra", "1")), e -> {}).root().digest())
        .isEqualTo(labelled.root().digest());

    Files.writeString(ctx.resolve("src/one.go"), "changed\n");
    BuildResult changed = builder.build(request(df), e -> {});
    assertThat(changed.stepsRun()).isEqualTo(2);
    assertThat(manifest(changed).layers().get(0)).isEqualTo(manifest(cold).layers().get(0));
    assertThat(manifest(changed).layers().get(1)).isNotEqualTo(manifest(cold).layers().get(1));

    BuildResult noCache = builder.build(request(df).withNoCache(true), e -> {});
    assertThat(noCache.stepsRun()).isEqualTo(4);
  }

  @Test
  void multiStageCopiesFromStagesAndSkipsUnneededOnes() throws IOException {
    List<ProgressEvent> events = new ArrayList<>();
    BuildResult r = builder.build(request("""
        FROM scratch AS one
        COPY a.txt /out/a.txt
        FROM scratch AS unused
        COPY missing.txt /
        FROM scratch AS two
        COPY src/one.go /out/
        FROM scratch
        COPY --from=one /out/ /final/
        COPY --from=two /out/one.go /final/
        """), events::add);
    assertThat(layerEntries(r, 0)).containsExactly("final 755 0:0", "final/a.txt 644 0:0");
    assertThat(layerEntries(r, 1)).containsExactly("final/one.go 644 0:0");
    assertThat(events).filteredOn(e -> e instanceof ProgressEvent.StageStarted s && s.stage().equals("unused")).isEmpty();
  }

  @Test
  void targetAndErrorsArePositioned() throws IOException {
    String df = "FROM scratch AS a\nCOPY a.txt /\nFROM scratch AS b\nCOPY nope.txt /\n";
    BuildResult r = builder.build(request(df).withTarget("a"), e -> {});
    assertThat(manifest(r).layers()).hasSize(1);
    assertThatThrownBy(() -> builder.build(request(df), e -> {}))
        .isInstanceOf(HoistException.class).hasMessageStartingWith("Dockerfile:4:1: COPY failed: \"nope.txt\": not found");
    assertThatThrownBy(() -> builder.build(request(df).withTarget("zzz"), e -> {}))
        .hasMessageContaining("target stage \"zzz\" could not be found");
    assertThatThrownBy(() -> builder.build(request("FROM scratch\nRUN echo hi\n"), e -> {}))
        .hasMessageStartingWith("Dockerfile:2: RUN failed with exit code");
    assertThatThrownBy(() -> builder.build(request("FROM nosuch/base:1\n"), e -> {}))
        .hasMessageStartingWith("Dockerfile:1:1: FROM nosuch/base:1");
  }

  @Test
  void sourceDateEpochGivesTheSameDigestFromDifferentPaths() throws IOException {
    Path other = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(other.resolve("a.txt"), "alpha\n");
    String df = "FROM scratch\nCOPY a.txt /\nENV A=1\n";
    Optional<Instant> epoch = Optional.of(Instant.ofEpochSecond(1_700_000_000L));
    BuildResult one = builder.build(request(df).withSourceDateEpoch(epoch), e -> {});
    LocalStore store2 = LocalStore.open(tmp.resolve("home2"));
    BuildResult two = new Builder(store2, new StoreImageSource(store2))
        .build(BuildRequest.of(other).withDockerfileText(df).withPlatforms(List.of(Platform.parse("linux/amd64")))
            .withSourceDateEpoch(epoch), e -> {});
    assertThat(two.root().digest()).isEqualTo(one.root().digest());
    assertThat(config(one).created()).isEqualTo("2023-11-14T22:13:20Z");
  }

  @Test
  void scratchConfigIsBuildkitsEmptyImage() throws IOException {
    ImageConfig c = config(builder.build(request("FROM scratch\nWORKDIR app\n"), e -> {}));
    assertThat(c.config().env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    assertThat(c.config().workingDir()).isEqualTo("/app");
    assertThat(config(builder.build(request("FROM scratch\nLABEL a=b\n"), e -> {})).config().workingDir()).isEqualTo("/");
  }

  @Test
  void twoPlatformsGiveAnIndex() throws IOException {
    BuildResult r = builder.build(request("FROM scratch\nARG TARGETARCH\nENV ARCH=$TARGETARCH\n")
        .withPlatforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"))), e -> {});
    assertThat(r.images()).hasSize(2);
    assertThat(r.root().mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
    ImageConfig arm = ImageConfig.parse(store.readBlob(Manifest.parse(store.readBlob(r.images().get(1).manifest().digest()), "m").config().digest()), "c");
    assertThat(arm.architecture()).isEqualTo("arm64");
    assertThat(arm.config().env()).contains("ARCH=arm64");
    assertThat(Map.of()).isEmpty();
  }

  @Test
  void platformsBuildAtTheSameTime() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
        "needs 2 cores to build two platforms at once (hoist bounds parallel stages by cores)");
    byte[] big = new byte[16 << 20];
    new java.util.Random(7).nextBytes(big);
    Files.write(ctx.resolve("big.bin"), big);
    Map<String, Instant[]> spans = new java.util.concurrent.ConcurrentHashMap<>();
    BuildResult r = builder.build(request("FROM scratch\nCOPY big.bin /\n")
        .withPlatforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"))), e -> {
          if (e instanceof ProgressEvent.StageStarted s) {
            spans.computeIfAbsent(s.platform(), k -> new Instant[2])[0] = s.time();
          } else if (e instanceof ProgressEvent.StageFinished f) {
            spans.get(f.platform())[1] = f.time();
          }
        });
    assertThat(r.images()).extracting(i -> i.platform().toString()).containsExactly("linux/amd64", "linux/arm64");
    Instant[] amd = spans.get("linux/amd64");
    Instant[] arm = spans.get("linux/arm64");
    // Each platform's stage started before the other's finished: they were built at the same time.
    assertThat(amd[0]).isBefore(arm[1]);
    assertThat(arm[0]).isBefore(amd[1]);
  }

  private static void sh(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void addUnpacksLocalArchivesOfEveryCompression() throws Exception {
    for (String tool : List.of("tar", "gzip", "bzip2", "xz", "zstd")) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool))),
          tool + " is not installed (apt-get install tar gzip bzip2 xz-utils zstd); it makes the test archives");
    }
    Path src = Files.createDirectories(tmp.resolve("tree/pkg"));
    Files.writeString(src.resolve("inside.txt"), "packed\n");
    Path tree = tmp.resolve("tree");
    sh(tree, "tar", "cf", ctx.resolve("plain.tar").toString(), "pkg");
    for (String[] c : List.of(new String[] {"gzip", "gz"}, new String[] {"bzip2", "bz2"}, new String[] {"xz", "xz"},
        new String[] {"zstd", "zst"})) {
      Files.copy(ctx.resolve("plain.tar"), ctx.resolve("a-" + c[1] + ".tar"));
      sh(ctx, c[0], "-q", "a-" + c[1] + ".tar");
    }
    BuildResult r = builder.build(request("""
        FROM scratch
        ADD plain.tar /plain/
        ADD a-gz.tar.gz /gz/
        ADD a-bz2.tar.bz2 /bz2/
        ADD a-xz.tar.xz /xz/
        ADD a-zst.tar.zst /zst/
        ADD a.txt /notarchive/
        COPY a-gz.tar.gz /copied/
        """), e -> {});
    for (int i = 0; i < 5; i++) {
      assertThat(layerEntries(r, i)).anyMatch(e -> e.endsWith("/pkg/inside.txt 644 0:0"));
    }
    assertThat(layerEntries(r, 5)).contains("notarchive/a.txt 644 0:0");
    assertThat(layerEntries(r, 6)).contains("copied/a-gz.tar.gz 644 0:0");
  }

  @Test
  void addFetchesUrlsAndChecksChecksums() throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = "remote content\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    server.createContext("/files/tool.sh", ex -> {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/tool.sh";
      String sum = dev.hoist.oci.Digest.sha256(body).toString();
      BuildResult r = builder.build(request("FROM scratch\nADD --checksum=" + sum + " " + url + " /opt/\n"), e -> {});
      assertThat(layerEntries(r, 0)).containsExactly("opt 755 0:0", "opt/tool.sh 600 0:0");
      String wrong = dev.hoist.oci.Digest.sha256("other").toString();
      assertThatThrownBy(() -> builder.build(request("FROM scratch\nADD --checksum=" + wrong + " " + url + " /opt/\n"), e -> {}))
          .hasMessageStartingWith("Dockerfile:2:1: ADD failed: checksum of " + url + " is " + sum);
      assertThatThrownBy(() -> builder.build(request("FROM scratch\nADD http://127.0.0.1:" + server.getAddress().getPort() + "/missing/x /opt/\n"), e -> {}))
          .hasMessageContaining("HTTP 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void onbuildTriggersRunInTheChildAndAreCleared() throws Exception {
    BuildResult base = builder.build(request("FROM scratch\nONBUILD COPY a.txt /from-onbuild/\nONBUILD ENV TRIGGERED=yes\n"), e -> {});
    assertThat(config(base).config().onBuild()).hasSize(2);
    store.tag("onbuild-base:1", base.root());
    BuildResult child = builder.build(request("FROM onbuild-base:1\nLABEL child=1\n"), e -> {});
    ImageConfig c = config(child);
    assertThat(c.config().onBuild()).isEmpty();
    assertThat(c.config().env()).contains("TRIGGERED=yes");
    assertThat(layerEntries(child, 0)).contains("from-onbuild/a.txt 644 0:0");
  }

  @Test
  void stageBaseInheritsConfigAndEntrypointResetsOnlyInheritedCmd() throws Exception {
    BuildResult r = builder.build(request("""
        FROM scratch AS base
        ENV BASE=1
        CMD ["base-cmd"]
        FROM base
        ENTRYPOINT ["/app"]
        """), e -> {});
    ImageConfig c = config(r);
    assertThat(c.config().env()).contains("BASE=1");
    assertThat(c.config().cmd()).isEmpty();
    assertThat(c.config().entrypoint()).contains(List.of("/app"));
  }
}
