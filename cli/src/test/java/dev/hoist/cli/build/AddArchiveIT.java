package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD of local archives named by wildcards, and {@code --exclude} with archives, as BuildKit does them; read back with umoci. */
class AddArchiveIT {
  @TempDir Path tmp;
  BuildWorkspace ws;

  @BeforeEach
  void setUp() throws Exception {
    for (String tool : List.of("tar", "gzip", "xz")) {
      Assumptions.assumeTrue(
          Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool))),
          tool + " is not installed (apt-get install tar gzip xz-utils); it makes the test archives");
    }
    ws = new BuildWorkspace(tmp);
    archive("a.tar.gz", "pkg-a", "-z", "one.txt", "debug.log");
    archive("b.tar.gz", "pkg-b", "-z", "two.txt");
    archive("c.tar.xz", "pkg-c", "-J", "three.txt");
    archive("skip.tar.gz", "pkg-skip", "-z", "no.txt");
    ws.write("notes.txt", "notes\n");
  }

  /** Writes {@code name} into the context: a tar of the folder {@code dir} holding {@code files}. */
  private void archive(String name, String dir, String compress, String... files) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src-" + name).resolve(dir));
    for (String f : files) {
      Files.writeString(src.resolve(f), f + "\n");
    }
    Proc.tool(src.getParent(), "tar", compress, "-cf", ws.ctx.resolve(name).toString(), dir).ok();
  }

  private Path build(String dockerfile) throws Exception {
    return ws.buildRootfs(dockerfile, "add:1");
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void everyArchiveAWildcardMatchesIsUnpacked() throws Exception {
    Path rootfs = build("""
        FROM scratch
        ADD *.tar.gz /x/
        ADD --unpack=false *.tar.gz /kept/
        COPY *.tar.gz /copied/
        """);
    assertThat(tree(rootfs.resolve("x"))).containsExactly("pkg-a", "pkg-a/debug.log", "pkg-a/one.txt", "pkg-b",
        "pkg-b/two.txt", "pkg-skip", "pkg-skip/no.txt");
    assertThat(Files.readString(rootfs.resolve("x/pkg-b/two.txt"))).isEqualTo("two.txt\n");
    assertThat(tree(rootfs.resolve("kept"))).containsExactly("a.tar.gz", "b.tar.gz", "skip.tar.gz");
    assertThat(tree(rootfs.resolve("copied"))).containsExactly("a.tar.gz", "b.tar.gz", "skip.tar.gz");
  }

  @Test
  void excludeChoosesArchivesButNeverFiltersWhatOneHolds() throws Exception {
    Path rootfs = build("""
        FROM scratch
        ADD --exclude=skip.tar.gz --exclude=**/*.log *.tar.* notes.txt /y/
        """);
    assertThat(tree(rootfs.resolve("y"))).as("BuildKit unpacks a chosen archive whole").containsExactly("notes.txt",
        "pkg-a", "pkg-a/debug.log", "pkg-a/one.txt", "pkg-b", "pkg-b/two.txt", "pkg-c", "pkg-c/three.txt");
  }
}
