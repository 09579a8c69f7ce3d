package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY/ADD --link: a layer made as onto an empty tree, kept as it is when an earlier step changes; read back with umoci. */
class CopyLinkIT {
  @TempDir Path tmp;
  BuildWorkspace ws;

  @BeforeEach
  void setUp() throws IOException {
    ws = BuildWorkspace.withBusybox(tmp);
    ws.write("first.txt", "v1\n");
    ws.write("a.txt", "a\n");
    ws.write("b.txt", "b\n");
    ws.write("app/main.sh", "echo main\n");
    ws.write("base/real/keep.txt", "keep\n");
    Files.createSymbolicLink(ws.ctx.resolve("base/data"), Path.of("real"));
  }

  private Proc build(String dockerfile) throws Exception {
    ws.write("Dockerfile", dockerfile);
    return ws.hoist("build", "-q", "-t", "link:1", ws.ctx.toString());
  }

  private List<String> layerDigests() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode l : StoredLayers.of(ws.home, "link:1").manifest().get("layers")) {
      out.add(l.get("digest").asText());
    }
    return out;
  }

  @Test
  void aChangedEarlierStepLeavesTheLinkedLayersAsTheyWere() throws Exception {
    String dockerfile = """
        FROM busybox
        COPY first.txt /first.txt
        COPY --link app/ /srv/app/
        ADD --link --chown=1000:1000 a.txt /opt/tool/
        COPY second.txt /second.txt
        """;
    ws.write("second.txt", "two\n");
    build(dockerfile).ok();
    List<String> before = layerDigests();
    // Without --link a new layer would carry this build's time on the directories it makes.
    Thread.sleep(1100);
    ws.write("first.txt", "v2\n");
    build(dockerfile).ok();
    List<String> after = layerDigests();
    assertThat(after).hasSize(before.size());
    int base = before.size() - 4;
    assertThat(after.get(base)).as("the changed COPY").isNotEqualTo(before.get(base));
    assertThat(after.get(base + 1)).as("COPY --link").isEqualTo(before.get(base + 1));
    assertThat(after.get(base + 2)).as("ADD --link").isEqualTo(before.get(base + 2));
  }

  @Test
  void aColdLinkedCopyRemembersItsLayerOnce() throws Exception {
    List<String> before = layerCacheKeys();
    build("FROM busybox\nCOPY --link a.txt /x/\n").ok();
    List<String> added = new ArrayList<>(layerCacheKeys());
    added.removeAll(before);
    assertThat(added).as("one layer cache entry, not one per wrapper").hasSize(1);
  }

  private List<String> layerCacheKeys() throws IOException {
    List<String> out = new ArrayList<>();
    Path index = ws.home.resolve("index.json");
    if (Files.exists(index)) {
      for (JsonNode m : new ObjectMapper().readTree(index.toFile()).path("manifests")) {
        String key = m.path("annotations").path("dev.hoist.cache.key").asText();
        if (key.startsWith("layer:")) {
          out.add(key);
        }
      }
    }
    return out;
  }

  @Test
  void theLayerIsWrittenOntoAnEmptyTree() throws Exception {
    build("""
        FROM busybox
        COPY base/ /
        COPY --link --chmod=600 b.txt /data/viachmod/
        COPY --link a.txt /data/linked/
        COPY --link --chown=1000:1000 b.txt /deep/er/b.txt
        COPY --link --chown=root a.txt /tmp/
        """).ok();
    StoredLayers image = StoredLayers.of(ws.home, "link:1");
    int n = image.layers().size();
    assertThat(image.layers().get(n - 3)).as("nothing of the image is looked at").containsOnlyKeys("data",
        "data/linked", "data/linked/a.txt");

    Path layout = tmp.resolve("layout");
    ws.hoist("build", "-q", "-o", "type=oci,dest=" + layout + ",tar=false", "-t", "link:1", ws.ctx.toString()).ok();
    Path rootfs = ws.unpack(layout, "1");
    assertThat(rootfs.resolve("real/viachmod/b.txt")).as("--chmod turns --link off, as in BuildKit").exists();
    assertThat(Files.isSymbolicLink(rootfs.resolve("data"))).as("the symlink is replaced, not followed").isFalse();
    assertThat(Files.readString(rootfs.resolve("data/linked/a.txt"))).isEqualTo("a\n");
    assertThat(rootfs.resolve("real/linked")).doesNotExist();
    assertThat(Files.readString(rootfs.resolve("real/keep.txt"))).isEqualTo("keep\n");
    assertThat(owner(rootfs.resolve("deep"))).as("made parents take --chown").isEqualTo("1000:1000");
    assertThat(mode(rootfs.resolve("deep"))).isEqualTo("rwxr-xr-x");
    assertThat(owner(rootfs.resolve("deep/er/b.txt"))).isEqualTo("1000:1000");
    assertThat(owner(rootfs.resolve("tmp/a.txt"))).isEqualTo("0:0");
    assertThat(mode(rootfs.resolve("tmp"))).as("a linked parent is made fresh, 0755").isEqualTo("rwxr-xr-x");
    assertThat(rootfs.resolve("bin/busybox")).exists();
  }

  @Test
  void aChownNameWithLinkIsOnePositionedError() throws Exception {
    Proc p = build("FROM busybox\nCOPY --link --chown=app a.txt /x/\n");
    assertThat(p.exit()).isEqualTo(1);
    assertThat(p.err().lines().filter(l -> l.startsWith("hoist:")).toList()).containsExactly(
        "hoist: Dockerfile:2:1: COPY failed: --chown=app with --link: a user or group name needs the image's"
            + " /etc/passwd and /etc/group, which a --link layer does not read; use numeric ids");
  }

  private static String owner(Path p) throws IOException {
    return Files.getAttribute(p, "unix:uid") + ":" + Files.getAttribute(p, "unix:gid");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
