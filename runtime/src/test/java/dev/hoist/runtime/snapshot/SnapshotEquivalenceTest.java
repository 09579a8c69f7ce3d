package dev.hoist.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.runtime.ContainerRunner;
import dev.hoist.runtime.Output;
import dev.hoist.runtime.RunRequest;
import dev.hoist.runtime.RunResult;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.testing.BusyboxRootfs;
import dev.hoist.runtime.testing.Runners;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlay snapshotter and the copy fallback run the same command over the same two layers
 * (the upper one converted from OCI whiteouts) and must give the same diff, entry for entry and
 * file for file, and the same layer digest once times are clamped.
 */
class SnapshotEquivalenceTest {
  private static final String SCRIPT = String.join("; ",
      "set -e",
      "test ! -e /root",
      "test \"$(ls /data/sub)\" = newfile",
      "test -f /extra/file",
      "rm /data/gone.txt",
      "rm -r /extra",
      "chmod 600 /data/keep.txt",
      "echo more >> /data/sub/newfile",
      "mkdir -p /opt/a/b && echo x > /opt/a/b/c && ln -s ../a/b/c /opt/a/link",
      "chown 1000:1000 /opt/a/b/c",
      "rm -r /tmp && mkdir -m 1777 /tmp && echo t > /tmp/t",
      "touch -d '2020-01-01 00:00:00' /etc/group");

  @TempDir static Path shared;
  static Path base;
  static Path layer2;
  @TempDir Path tmp;

  @BeforeAll
  static void layers() throws Exception {
    base = BusyboxRootfs.create(shared.resolve("base"));
    layer2 = Files.createDirectories(shared.resolve("layer2"));
    Files.writeString(Files.createDirectories(layer2.resolve("extra")).resolve("file"), "extra\n");
    Files.createFile(layer2.resolve(".wh.root"));
    Path sub = Files.createDirectories(layer2.resolve("data/sub"));
    Files.createFile(sub.resolve(".wh..wh..opq"));
    Files.writeString(sub.resolve("newfile"), "new\n");
    OverlayLayerFormat.convert(layer2);
  }

  @Test
  void lowerStackSeesWhiteoutsAndOpaqueFolders() throws Exception {
    LowerStack stack = new LowerStack(List.of(base, layer2));
    assertThat(stack.find("root")).isEmpty();
    assertThat(stack.find("data/sub/deep")).isEmpty();
    assertThat(stack.find("data/sub/newfile")).contains(layer2.resolve("data/sub/newfile"));
    assertThat(stack.find("data/keep.txt")).contains(base.resolve("data/keep.txt"));
    assertThat(stack.readText("etc/passwd")).get().asString().startsWith("root:x:0:0");
  }

  @Test
  void overlayAndCopyGiveTheSameDiff() throws Exception {
    UserNamespace userns = UserNamespace.detect();
    Assumptions.assumeTrue(Snapshotter.overlaySupported(tmp.resolve("probe"), userns), "overlayfs cannot be mounted here");
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    LowerStack lowers = new LowerStack(List.of(base, layer2));

    Map<String, String> overlay;
    Map<String, String> copy;
    List<DiffEntry> overlayEntries;
    List<DiffEntry> copyEntries;
    dev.hoist.cache.layer.Layer overlayLayer;
    dev.hoist.cache.layer.Layer copyLayer;
    try (Snapshotter snapshotter = new Snapshotter(Snapshotter.Kind.OVERLAY, tmp.resolve("o"), userns);
         Snapshot snap = snapshotter.prepare(lowers)) {
      Diff d = run(runner, snap);
      overlayEntries = d.entries();
      overlay = describe(d);
      overlayLayer = layer(d);
    }
    try (Snapshotter snapshotter = new Snapshotter(Snapshotter.Kind.COPY, tmp.resolve("c"), userns);
         Snapshot snap = snapshotter.prepare(lowers)) {
      Diff d = run(runner, snap);
      copyEntries = d.entries();
      copy = describe(d);
      copyLayer = layer(d);
    }
    assertThat(copyEntries).isEqualTo(overlayEntries);
    assertThat(copy).isEqualTo(overlay);
    assertThat(copyLayer).isEqualTo(overlayLayer);
    assertThat(overlayEntries).contains(
        new DiffEntry.Whiteout("data/gone.txt"), new DiffEntry.Whiteout("extra"),
        new DiffEntry.OpaqueDir("tmp"), new DiffEntry.Upsert("opt/a/link"), new DiffEntry.Upsert("etc/group"));
    assertThat(overlay).containsEntry("opt/a/b/c", "file 644 1000:1000 " + sha("x\n"))
        .containsEntry("opt/a/link", "link ../a/b/c")
        .containsEntry("data/keep.txt", "file 600 0:0 " + sha("keep\n"));
  }

  /** The layer of {@code d}, times clamped (SOURCE_DATE_EPOCH) as reproducible builds have them. */
  private static dev.hoist.cache.layer.Layer layer(Diff d) throws Exception {
    return DiffLayerWriter.write(d, dev.hoist.cache.layer.LayerWriter.defaults()
        .withClampMtime(java.util.Optional.of(java.time.Instant.parse("2001-01-01T00:00:00Z")))
        .open(java.io.OutputStream.nullOutputStream()));
  }

  private static Diff run(ContainerRunner runner, Snapshot snap) throws Exception {
    List<String> lines = new ArrayList<>();
    RunResult r = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c", SCRIPT), Output.lines(lines::add)));
    assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
    return snap.diff(r.mountTargets());
  }

  /** Every entry's kind, mode, owner and content (never mtime: the two runs happen at different times). */
  private static Map<String, String> describe(Diff diff) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    for (DiffEntry e : diff.entries()) {
      if (!(e instanceof DiffEntry.Upsert)) {
        m.put(e.path(), e.getClass().getSimpleName());
        continue;
      }
      Path p = diff.resolve(e);
      if (Files.isSymbolicLink(p)) {
        m.put(e.path(), "link " + Files.readSymbolicLink(p));
        continue;
      }
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
      String owner = diff.idMapping().containerUid((Integer) a.get("uid")) + ":"
          + diff.idMapping().containerGid((Integer) a.get("gid"));
      String mode = Integer.toOctalString((Integer) a.get("mode") & 07777);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        m.put(e.path(), "dir " + mode + " " + owner);
      } else {
        m.put(e.path(), "file " + mode + " " + owner + " " + sha(Files.readString(p)));
      }
    }
    return m;
  }

  private static String sha(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
