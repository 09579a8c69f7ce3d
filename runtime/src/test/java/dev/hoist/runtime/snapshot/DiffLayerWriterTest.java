package dev.hoist.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.oci.MediaType;
import dev.hoist.runtime.ContainerRunner;
import dev.hoist.runtime.Output;
import dev.hoist.runtime.RunRequest;
import dev.hoist.runtime.RunResult;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.testing.BusyboxRootfs;
import dev.hoist.runtime.testing.Runners;
import dev.hoist.runtime.userns.UserNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A RUN's overlay diff written as a layer: entries, whiteouts, opaque markers, owners, links. */
class DiffLayerWriterTest {
  @TempDir Path tmp;

  @Test
  void writesTheDiffAsAnOciLayer() throws Exception {
    UserNamespace userns = UserNamespace.detect();
    Assumptions.assumeTrue(Snapshotter.overlaySupported(tmp.resolve("probe"), userns), "overlayfs cannot be mounted here");
    Path base = BusyboxRootfs.create(tmp.resolve("base"));
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    Layer layer;
    try (Snapshotter snapshotter = new Snapshotter(Snapshotter.Kind.OVERLAY, tmp.resolve("snaps"), userns);
         Snapshot snap = snapshotter.prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c", String.join("; ",
          "set -e", "rm /data/gone.txt", "rm -r /tmp && mkdir -m 1777 /tmp && echo t > /tmp/t",
          "mkdir /opt && echo hello > /opt/a && ln /opt/a /opt/b && ln -s a /opt/c && chown 1000:2000 /opt/a")),
          Output.lines(lines::add)));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      layer = DiffLayerWriter.write(snap.diff(r.mountTargets()),
          LayerWriter.defaults().withCompression(MediaType.Compression.NONE).withClampMtime(Optional.empty()).open(blob));
    }
    List<String> entries = new ArrayList<>();
    try (TarReader reader = new TarReader(new ByteArrayInputStream(blob.toByteArray()))) {
      for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
        TarEntry t = e.get();
        entries.add(t.name() + " " + t.type() + " " + t.uid() + ":" + t.gid()
            + (t.linkName().isEmpty() ? "" : " -> " + t.linkName()) + (t.xattrs().isEmpty() ? "" : " " + t.xattrs().keySet()));
      }
    }
    assertThat(entries).containsExactly(
        "data DIRECTORY 0:0",
        "data/.wh.gone.txt FILE 0:0",
        "opt DIRECTORY 0:0",
        "opt/a FILE 1000:2000",
        "opt/b HARDLINK 1000:2000 -> opt/a",
        "opt/c SYMLINK 0:0 -> a",
        "tmp DIRECTORY 0:0",
        "tmp/.wh..wh..opq FILE 0:0",
        "tmp/t FILE 0:0");
    assertThat(layer.uncompressedSize()).isEqualTo(blob.size());
  }

  @Test
  void keepsAFileCapabilityARunSetAndLeavesOverlaysOwnMarksOut() throws Exception {
    UserNamespace userns = UserNamespace.detect();
    Assumptions.assumeTrue(!userns.rootless(), "setting security.capability needs root");
    Assumptions.assumeTrue(Snapshotter.overlaySupported(tmp.resolve("probe"), userns), "overlayfs cannot be mounted here");
    Assumptions.assumeTrue(new ProcessBuilder("setfattr", "--version").start().waitFor() == 0, "setfattr (attr) is not installed");
    Path base = BusyboxRootfs.create(tmp.resolve("base"));
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), Secrets.none());
    String capability = "0x0100000200200000000000000000000000000000";
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (Snapshotter snapshotter = new Snapshotter(Snapshotter.Kind.OVERLAY, tmp.resolve("snaps"), userns);
         Snapshot snap = snapshotter.prepare(new LowerStack(List.of(base)))) {
      List<String> lines = new ArrayList<>();
      RunResult r = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c", "mkdir /opt && echo ping > /opt/ping"),
          Output.lines(lines::add)));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      Diff diff = snap.diff(r.mountTargets());
      Path ping = diff.resolve(diff.entries().stream().filter(e -> e instanceof DiffEntry.Upsert u && u.path().equals("opt/ping"))
          .findFirst().orElseThrow());
      // what `RUN setcap cap_net_raw+ep /opt/ping` leaves on the upper file
      Process set = new ProcessBuilder("setfattr", "-n", "security.capability", "-v", capability, ping.toString())
          .redirectErrorStream(true).start();
      assertThat(set.waitFor()).as(new String(set.getInputStream().readAllBytes())).isZero();
      DiffLayerWriter.write(diff,
          LayerWriter.defaults().withCompression(MediaType.Compression.NONE).withClampMtime(Optional.empty()).open(blob));
    }
    try (TarReader reader = new TarReader(new ByteArrayInputStream(blob.toByteArray()))) {
      for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
        assertThat(e.get().xattrs().keySet()).noneMatch(Diff::isInternalXattr);
        if (e.get().name().equals("opt/ping")) {
          assertThat(java.util.HexFormat.of().formatHex(e.get().xattrs().get("security.capability")))
              .isEqualTo(capability.substring(2));
          return;
        }
      }
    }
    throw new AssertionError("opt/ping is not in the layer");
  }
}
