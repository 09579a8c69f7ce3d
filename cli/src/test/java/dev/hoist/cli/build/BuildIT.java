package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hoist build} end to end: the real command, read back with skopeo and umoci. */
class BuildIT {
  @TempDir Path tmp;
  BuildWorkspace ws;

  @BeforeEach
  void setUp() throws IOException {
    ws = new BuildWorkspace(tmp);
  }

  private JsonNode skopeoConfig(String ref) throws Exception {
    return Json.mapper().readTree(Proc.tool(tmp, "skopeo", "inspect", "--config", "--raw", "oci:" + ws.home + ":" + ref).ok().out());
  }

  private String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void multiStageBuildOnBusyboxSetsConfigAndFiles() throws Exception {
    ws.importBusybox();
    ws.write("app/main.sh", "#!/bin/sh\necho hi\n");
    ws.write("app/notes.txt", "notes\n");
    ws.write("app/debug.log", "ignored\n");
    ws.write(".dockerignore", "**/*.log\n");
    ws.write("Dockerfile", """
        FROM scratch AS assets
        COPY app/notes.txt /assets/
        COPY <<EOF /assets/inline.txt
        inline $HOME
        EOF

        FROM busybox AS final
        ARG VERSION=1.0
        ENV APP_HOME=/srv/app PATH=/bin
        LABEL org.example.version=$VERSION maintainer="jane"
        EXPOSE 8080 53/udp
        USER app:app
        WORKDIR $APP_HOME
        VOLUME ["/data"]
        STOPSIGNAL SIGINT
        HEALTHCHECK --interval=30s --retries=2 CMD ["/bin/true"]
        SHELL ["/bin/sh", "-ec"]
        COPY --chown=app:app --chmod=750 app/ ./
        COPY --from=assets /assets /srv/assets
        ENTRYPOINT ["/srv/app/main.sh"]
        CMD run now
        """);
    Path layout = tmp.resolve("layout");
    Proc build = ws.hoist("build", "--progress", "plain", "-t", "example/app:1", "--label", "extra=yes",
        "-o", "type=oci,dest=" + layout + ",tar=false", ws.ctx.toString()).ok();
    assertThat(build.err()).contains("COPY --from=assets /assets /srv/assets");

    JsonNode config = skopeoConfig("example/app:1");
    JsonNode c = config.get("config");
    assertThat(c.get("Env").toString()).contains("APP_HOME=/srv/app", "PATH=/bin");
    assertThat(c.get("Labels").get("org.example.version").asText()).isEqualTo("1.0");
    assertThat(c.get("Labels").get("extra").asText()).isEqualTo("yes");
    assertThat(c.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(c.get("ExposedPorts").has("53/udp")).isTrue();
    assertThat(c.get("User").asText()).isEqualTo("app:app");
    assertThat(c.get("WorkingDir").asText()).isEqualTo("/srv/app");
    assertThat(c.get("Volumes").has("/data")).isTrue();
    assertThat(c.get("StopSignal").asText()).isEqualTo("SIGINT");
    assertThat(c.get("Healthcheck").get("Interval").asLong()).isEqualTo(30_000_000_000L);
    assertThat(c.get("Shell").toString()).isEqualTo("[\"/bin/sh\",\"-ec\"]");
    assertThat(c.get("Entrypoint").toString()).isEqualTo("[\"/srv/app/main.sh\"]");
    assertThat(c.get("Cmd").toString()).isEqualTo("[\"/bin/sh\",\"-ec\",\"run now\"]");
    List<String> createdBy = new ArrayList<>();
    List<Boolean> empty = new ArrayList<>();
    config.get("history").forEach(h -> {
      createdBy.add(h.get("created_by").asText());
      empty.add(h.has("empty_layer") && h.get("empty_layer").asBoolean());
    });
    assertThat(createdBy).contains("ARG VERSION=1.0", "ENV APP_HOME=/srv/app PATH=/bin",
        "EXPOSE map[53/udp:{} 8080/tcp:{}]", "USER app:app", "WORKDIR /srv/app", "VOLUME [/data]",
        "STOPSIGNAL SIGINT", "COPY app/ ./ # buildkit", "COPY /assets /srv/assets # buildkit",
        "ENTRYPOINT [\"/srv/app/main.sh\"]", "CMD [\"/bin/sh\" \"-ec\" \"run now\"]");
    assertThat(empty.get(createdBy.indexOf("ENV APP_HOME=/srv/app PATH=/bin"))).isTrue();
    assertThat(empty.get(createdBy.indexOf("COPY app/ ./ # buildkit"))).isFalse();
    assertThat(empty.get(createdBy.indexOf("WORKDIR /srv/app"))).isFalse();

    Path rootfs = ws.unpack(layout, "1");
    assertThat(rootfs.resolve("bin/busybox")).exists();
    assertThat(mode(rootfs.resolve("srv/app/main.sh"))).isEqualTo("rwxr-x---");
    assertThat(Files.getAttribute(rootfs.resolve("srv/app/main.sh"), "unix:uid")).isEqualTo(1000);
    assertThat(Files.getAttribute(rootfs.resolve("srv/app/main.sh"), "unix:gid")).isEqualTo(1000);
    assertThat(rootfs.resolve("srv/app/debug.log")).doesNotExist();
    assertThat(Files.readString(rootfs.resolve("srv/assets/notes.txt"))).isEqualTo("notes\n");
    assertThat(Files.readString(rootfs.resolve("srv/assets/inline.txt"))).isEqualTo("inline \n");
    assertThat(mode(rootfs.resolve("tmp"))).isEqualTo("rwxrwxrwx");
  }

  private long blobCount() throws IOException {
    try (Stream<Path> s = Files.list(ws.home.resolve("blobs/sha256"))) {
      return s.count();
    }
  }

  @Test
  void warmRebuildWritesNothingAndOneChangedFileRebuildsFromItsStep() throws Exception {
    for (int i = 0; i < 20; i++) {
      ws.write("lib/f" + i + ".txt", "file " + i + "\n");
    }
    ws.write("app.txt", "v1\n");
    ws.write("Dockerfile", "FROM scratch\nCOPY lib /lib\nENV A=1\nCOPY app.txt /\nLABEL done=yes\n");
    Proc cold = ws.hoist("build", "--progress", "json", "--metadata-file", tmp.resolve("cold.json").toString(), ws.ctx.toString()).ok();
    assertThat(steps(cold)).containsExactly(false, false, false, false);
    long blobs = blobCount();
    byte[] index = Files.readAllBytes(ws.home.resolve("index.json"));

    Proc warm = ws.hoist("build", "--progress", "json", ws.ctx.toString()).ok();
    assertThat(steps(warm)).containsExactly(true, true, true, true);
    assertThat(blobCount()).isEqualTo(blobs);
    assertThat(Files.readAllBytes(ws.home.resolve("index.json"))).isEqualTo(index);
    assertThat(digest(warm)).isEqualTo(digest(cold));

    ws.write("app.txt", "v2\n");
    Proc changed = ws.hoist("build", "--progress", "json", ws.ctx.toString()).ok();
    assertThat(steps(changed)).containsExactly(true, true, false, false);

    Proc noCache = ws.hoist("build", "--no-cache", "--progress", "json", ws.ctx.toString()).ok();
    assertThat(steps(noCache)).containsExactly(false, false, false, false);

    JsonNode meta = Json.mapper().readTree(tmp.resolve("cold.json").toFile());
    assertThat(meta.get("containerimage.digest").asText()).isEqualTo(digest(cold));
    assertThat(meta.get("hoist.steps")).hasSize(4);
    assertThat(meta.get("hoist.steps").get(0).get("durationMs").isNumber()).isTrue();
  }

  private static List<Boolean> steps(Proc p) throws IOException {
    List<Boolean> cached = new ArrayList<>();
    for (String line : p.out().split("\n")) {
      JsonNode e = Json.mapper().readTree(line);
      if (e.get("event").asText().equals("step.finished")) {
        cached.add(e.get("cached").asBoolean());
      }
    }
    return cached;
  }

  private static String digest(Proc p) throws IOException {
    String[] lines = p.out().split("\n");
    return Json.mapper().readTree(lines[lines.length - 1]).get("digest").asText();
  }

  @Test
  void independentStagesOverlapAndTargetSkipsTheRest() throws Exception {
    Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
        "needs 2 cores to run two stages at once (hoist bounds parallel stages by cores)");
    byte[] big = new byte[24 << 20];
    new java.util.Random(1).nextBytes(big);
    Files.write(ws.ctx.resolve("big1.bin"), big);
    big[0]++;
    Files.write(ws.ctx.resolve("big2.bin"), big);
    ws.write("Dockerfile", """
        FROM scratch AS left
        COPY big1.bin /
        FROM scratch AS right
        COPY big2.bin /
        FROM scratch AS unused
        COPY big1.bin /unused
        FROM scratch
        COPY --from=left /big1.bin /l
        COPY --from=right /big2.bin /r
        """);
    Proc p = ws.hoist("build", "--progress", "json", "--target", "3", ws.ctx.toString()).ok();
    Map<String, Instant[]> spans = new java.util.HashMap<>();
    Map<Integer, String> stageOf = new java.util.HashMap<>();
    for (String line : p.out().split("\n")) {
      JsonNode e = Json.mapper().readTree(line);
      String kind = e.get("event").asText();
      if (kind.equals("step.started")) {
        stageOf.put(e.get("id").asInt(), e.get("stage").asText());
        spans.computeIfAbsent(e.get("stage").asText(), k -> new Instant[2])[0] = Instant.parse(e.get("time").asText());
      } else if (kind.equals("step.finished")) {
        spans.get(stageOf.get(e.get("id").asInt()))[1] = Instant.parse(e.get("time").asText());
      }
    }
    assertThat(spans).containsOnlyKeys("left", "right", "stage-3");
    Instant[] l = spans.get("left");
    Instant[] r = spans.get("right");
    // Each stage's step started before the other's finished: they ran at the same time.
    assertThat(l[0]).isBefore(r[1]);
    assertThat(r[0]).isBefore(l[1]);
  }

  @Test
  void everyFileOutputReadsBack() throws Exception {
    ws.write("hello.txt", "hello\n");
    ws.write("Dockerfile", "FROM scratch\nCOPY hello.txt /greeting/\nCMD [\"/x\"]\n");
    Path oci = tmp.resolve("out.tar");
    Path ociDir = tmp.resolve("oci-dir");
    Path docker = tmp.resolve("docker.tar");
    Path local = tmp.resolve("rootfs");
    Path tar = tmp.resolve("rootfs.tar");
    Proc p = ws.hoist("build", "-q", "-t", "example/out:1", "--iidfile", tmp.resolve("iid").toString(),
        "-o", "type=oci,dest=" + oci, "-o", "type=oci,dest=" + ociDir + ",tar=false", "-o", "type=docker,dest=" + docker,
        "-o", "type=local,dest=" + local, "-o", "type=tar,dest=" + tar, ws.ctx.toString()).ok();
    String digest = p.out().trim();
    assertThat(digest).startsWith("sha256:");
    assertThat(Files.readString(tmp.resolve("iid"))).isEqualTo(digest);
    assertThat(Proc.tool(tmp, "skopeo", "inspect", "oci-archive:" + oci).ok().out()).contains(digest);
    assertThat(Proc.tool(tmp, "skopeo", "inspect", "--config", "docker-archive:" + docker).ok().out()).contains("/x");
    Path rootfs = ws.unpack(ociDir, "1");
    assertThat(Files.readString(rootfs.resolve("greeting/hello.txt"))).isEqualTo("hello\n");
    assertThat(Files.readString(local.resolve("greeting/hello.txt"))).isEqualTo("hello\n");
    assertThat(Proc.tool(tmp, "tar", "tf", tar.toString()).ok().out()).contains("greeting/hello.txt");
  }

  @Test
  void scratchStartsFromBuildkitsEmptyImageConfig() throws Exception {
    ws.write("a.txt", "a\n");
    ws.write("Dockerfile", "FROM scratch\nCOPY a.txt rel/\nENV PATH=/opt/bin:$PATH\n");
    ws.hoist("build", "-q", "-t", "example/scratch:1", ws.ctx.toString()).ok();
    JsonNode c = skopeoConfig("example/scratch:1").get("config");
    assertThat(c.get("Env").toString())
        .isEqualTo("[\"PATH=/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]");
    assertThat(c.get("WorkingDir").asText()).isEqualTo("/");
    ws.write("Dockerfile", "FROM scratch\nCOPY a.txt /\n");
    ws.hoist("build", "-q", "-t", "example/scratch:2", ws.ctx.toString()).ok();
    JsonNode bare = skopeoConfig("example/scratch:2").get("config");
    assertThat(bare.get("Env").toString())
        .isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]");
    assertThat(bare.get("WorkingDir").asText()).isEqualTo("/");
    assertThat(StoredLayers.of(ws.home, "example/scratch:1").layers().get(0)).containsOnlyKeys("rel", "rel/a.txt");
  }

  @Test
  void stdinDockerfileAndClearErrors() throws Exception {
    ws.write("a.txt", "a\n");
    Proc stdin = Proc.hoist(ws.home, tmp, "FROM scratch\nCOPY a.txt /\n", "build", "-q", "-f", "-", ws.ctx.toString()).ok();
    assertThat(stdin.out().trim()).startsWith("sha256:");

    ws.write("Dockerfile", "FROM scratch\nCOPY missing.txt /\n");
    assertOneLineError(ws.hoist("build", ws.ctx.toString()), "hoist: Dockerfile:2:1: COPY failed: \"missing.txt\": not found in build context");
    ws.write("Dockerfile", "FROM scratch AS a\nCOPY a.txt /\n");
    assertOneLineError(ws.hoist("build", "--target", "nope", ws.ctx.toString()), "target stage \"nope\" could not be found");
    assertOneLineError(ws.hoist("build", "--platform", "linux/", ws.ctx.toString()), "invalid platform: linux/");
    ws.write("Dockerfile", "FROM 127.0.0.1:1/nothing/here:1\nCOPY a.txt /\n");
    assertOneLineError(ws.hoist("build", ws.ctx.toString()), "hoist: Dockerfile:1:1: FROM 127.0.0.1:1/nothing/here:1");
    ws.write("Dockerfile", "FROM scratch\nRUN echo hi\n");
    assertOneLineError(ws.hoist("build", ws.ctx.toString()), "hoist: Dockerfile:2: RUN failed with exit code");
  }

  private static void assertOneLineError(Proc p, String expected) {
    assertThat(p.exit()).as(p.err()).isEqualTo(1);
    List<String> lines = p.err().lines().filter(l -> l.startsWith("hoist:")).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains(expected);
    assertThat(p.err()).doesNotContain("\tat ");
  }
}
