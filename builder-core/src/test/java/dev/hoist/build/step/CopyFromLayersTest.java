package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.build.context.DiskFileTree;
import dev.hoist.build.context.FileSource;
import dev.hoist.build.context.LayeredFileTree;
import dev.hoist.build.context.SourceTree;
import dev.hoist.build.image.RootfsUnpacker;
import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY --from reads a stage's layers through {@link LayeredFileTree} without unpacking them: for
 * the same request it must plan the same entries and write the same layer, byte for byte, as
 * from the unpacked root filesystem.
 */
class CopyFromLayersTest {
  @TempDir Path tmp;
  LocalStore store;
  List<Descriptor> layers;
  LayeredFileTree tree;
  Path unpacked;

  @BeforeEach
  void setUp() throws Exception {
    store = LocalStore.open(tmp.resolve("home"));
    Descriptor lower = layer(
        dir("out", 0755, 100), dir("out/files", 0750, 101), file("out/files/a", "alpha", 0644, 102),
        file("out/files/b", "bravo", 0600, 103), file("out/files/b-2", "b2", 0644, 103),
        TarEntry.symlink("out/link", "files/a").withMtime(104), TarEntry.hardlink("out/hard", "out/files/a"),
        dir("gone", 0755, 105), file("gone/old", "old", 0644, 106), TarEntry.symlink("abs", "/out/files"),
        file("out/setuid", "x", 04755, 107));
    // The upper layer is not sorted, so its files are read through a spool; it replaces a, hides b
    // and makes gone/ opaque.
    Descriptor upper = layer(
        dir("out/files", 0755, 200), file("out/files/z", "zulu", 0644, 201), file("out/files/a", "ALPHA!", 0644, 202),
        TarEntry.whiteout("out/files/b"), dir("gone", 0755, 203), TarEntry.opaque("gone"),
        file("gone/new", "new", 0644, 204), file("out/files/c", "charlie", 0644, 205));
    layers = List.of(lower, upper);
    tree = LayeredFileTree.read(store, layers);
    unpacked = RootfsUnpacker.unpack(store, layers, Files.createDirectories(tmp.resolve("work")), w -> { });
  }

  @Test
  void seesTheMergedTreeWithWhiteoutsApplied() throws Exception {
    assertThat(tree.list("out/files")).containsExactly("a", "b-2", "c", "z");
    assertThat(tree.list("gone")).containsExactly("new");
    assertThat(tree.stat("out/hard").orElseThrow().size()).isEqualTo(5);
    assertThat(tree.stat("out/link").orElseThrow().linkTarget()).isEqualTo("files/a");
    assertThat(tree.stat("out/files/b")).isEmpty();
  }

  @Test
  void plansAndWritesWhatTheUnpackedTreeGives() throws Exception {
    List<CopyPlanner.Request> requests = List.of(
        request(List.of("out/"), "/app/", true),
        request(List.of("out/files/*"), "/x/", true),
        request(List.of("out/link"), "/l", false),
        request(List.of("abs/a", "out/hard"), "/y/", true),
        request(List.of("gone", "out/setuid"), "/g/", true),
        new CopyPlanner.Request(List.of("out"), List.of(), "/c/", true, Optional.of(new Chmod("go-rwx")), 5, 6,
            false, List.of("**/b-2")));
    for (CopyPlanner.Request r : requests) {
      CopyPlanner.Plan fromLayers = planner(SourceTree.pinned(tree, "stage s", "stage k")).plan(r);
      CopyPlanner.Plan fromDisk = planner(SourceTree.pinned(new DiskFileTree(unpacked), "stage s", "stage k")).plan(r);
      assertThat(fromLayers.entries()).extracting(CopyFromLayersTest::shape)
          .as("%s", r.sources()).containsExactlyElementsOf(fromDisk.entries().stream().map(CopyFromLayersTest::shape).toList());
      assertThat(fromLayers.contentDigest()).isEqualTo(fromDisk.contentDigest());
      Layer a = LayerFiles.write(fromLayers.entries(), LayerWriter.defaults(), store, tmp);
      Layer b = LayerFiles.write(fromDisk.entries(), LayerWriter.defaults(), store, tmp);
      assertThat(a.diffId()).as("%s", r.sources()).isEqualTo(b.diffId());
    }
    assertThat(planner(SourceTree.pinned(tree, "stage s", "stage k")).plan(requests.get(0)).entries())
        .filteredOn(e -> e.kind() == FileEntry.Kind.FILE)
        .allMatch(e -> e.source().orElseThrow() instanceof FileSource.InLayer);
    try (var spools = Files.list(tmp)) {
      assertThat(spools.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("copy-spool-"));
    }
  }

  @Test
  void anEtcPasswdCopiedFromLayersNamesItsUsersForLaterSteps() throws Exception {
    Descriptor etc = layer(dir("etc", 0755, 1), file("etc/passwd", "app:x:1000:1000::/home/app:/bin/sh\n", 0644, 2));
    LayeredFileTree t = LayeredFileTree.read(store, List.of(etc));
    CopyPlanner.Plan plan = planner(SourceTree.pinned(t, "stage s", "k")).plan(request(List.of("etc/passwd"), "/etc/passwd", false));
    assertThat(ImageFiles.empty().plus(plan.entries()).text("etc/passwd")).hasValueSatisfying(
        text -> assertThat(text).startsWith("app:x:1000"));
  }

  @Test
  void aMissingSourceNamesTheStage() {
    assertThatThrownBy(() -> planner(SourceTree.pinned(tree, "stage builder", "k"))
        .plan(request(List.of("out/files/b"), "/b", false)))
        .isInstanceOf(HoistException.class).hasMessageContaining("not found in stage builder");
  }

  @Test
  void refusesANameLeadingOutside() throws Exception {
    Descriptor bad = layer((Object) file("a/../../etc/passwd", "x", 0644, 1));
    assertThatThrownBy(() -> LayeredFileTree.read(store, List.of(bad)))
        .isInstanceOf(HoistException.class).hasMessageContaining("leads outside the image");
  }

  private static String shape(FileEntry e) {
    return e.name() + " " + e.kind() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid() + " "
        + e.size() + " " + e.mtime() + " " + e.linkTarget();
  }

  private final BuildClock clock = BuildClock.of(Optional.empty());

  private CopyPlanner planner(SourceTree t) {
    return new CopyPlanner(t, clock, d -> false);
  }

  private static CopyPlanner.Request request(List<String> sources, String dest, boolean destIsDir) {
    return new CopyPlanner.Request(sources, List.of(), dest, destIsDir, Optional.empty(), 0, 0, false, List.of());
  }

  private static Object[] dir(String name, int mode, long mtime) {
    return new Object[] {TarEntry.directory(name).withMode(mode).withMtime(mtime), null};
  }

  private static Object[] file(String name, String text, int mode, long mtime) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    return new Object[] {TarEntry.file(name, data.length).withMode(mode).withMtime(mtime), data};
  }

  private Descriptor layer(Object... entries) throws Exception {
    try (LayerSink sink = LayerWriter.defaults().open(store)) {
      for (Object o : entries) {
        if (o instanceof TarEntry t) {
          sink.add(t);
        } else {
          Object[] pair = (Object[]) o;
          TarEntry t = (TarEntry) pair[0];
          if (pair[1] == null) {
            sink.add(t);
          } else {
            sink.add(t, new ByteArrayInputStream((byte[]) pair[1]));
          }
        }
      }
      return sink.finish().descriptor();
    }
  }
}
