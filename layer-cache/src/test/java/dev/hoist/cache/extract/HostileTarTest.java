package dev.hoist.cache.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile tars modelled on containerd's archive breakout tests. Each is extracted into
 * {@code base/root}; beside the root are a sentinel file and an {@code outside} directory holding
 * a file. Every case must either be refused with {@link UnsafeEntryException} or be contained:
 * afterwards nothing outside the root has changed (names, sizes, contents).
 */
class HostileTarTest {
  @TempDir Path base;
  Path root;

  enum Outcome { REFUSED, CONTAINED }

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(base.resolve("root"));
    Files.writeString(base.resolve("sentinel.txt"), "original");
    Files.createDirectory(base.resolve("outside"));
    Files.writeString(base.resolve("outside/keep"), "keep");
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        c("dotdot file", Outcome.REFUSED, b -> new RawTar().file("../sentinel.txt", "pwned")),
        c("deep dotdot", Outcome.REFUSED, b -> new RawTar().file("../../../../../../tmp/hoist-evil", "pwned")),
        c("dotdot in the middle", Outcome.REFUSED, b -> new RawTar().file("a/../../sentinel.txt", "pwned")),
        c("absolute path", Outcome.CONTAINED, b -> new RawTar().file(b + "/sentinel.txt", "pwned")),
        c("relative symlink parent then file", Outcome.CONTAINED,
            b -> new RawTar().symlink("link", "../").file("link/sentinel.txt", "pwned")),
        c("absolute symlink parent then file", Outcome.CONTAINED,
            b -> new RawTar().symlink("link", b).file("link/sentinel.txt", "pwned")),
        c("file over symlink to outside file", Outcome.CONTAINED,
            b -> new RawTar().symlink("s", b + "/sentinel.txt").file("s", "pwned")),
        c("hardlink with dotdot", Outcome.REFUSED, b -> new RawTar().hardlink("h", "../sentinel.txt")),
        c("hardlink to absolute outside path", Outcome.REFUSED,
            b -> new RawTar().hardlink("h", b + "/sentinel.txt")),
        c("hardlink to symlink to outside, then write", Outcome.CONTAINED,
            b -> new RawTar().symlink("s", b + "/sentinel.txt").hardlink("h", "s").file("h", "pwned")),
        c("hardlink through symlinked parent", Outcome.REFUSED,
            b -> new RawTar().symlink("up", "../..").hardlink("h", "up/sentinel.txt")),
        c("directory swapped for symlink, then file", Outcome.CONTAINED,
            b -> new RawTar().dir("d/").symlink("d", b + "/outside").file("d/evil", "pwned")),
        c("symlink to outside then subdirectory", Outcome.CONTAINED,
            b -> new RawTar().symlink("d", "../outside").dir("d/sub/").file("d/sub/evil", "pwned")),
        c("symlink chain climbing out", Outcome.CONTAINED,
            b -> new RawTar().symlink("a", "b").symlink("b", "../../../..").file("a/sentinel.txt", "pwned")),
        c("symlink loop", Outcome.REFUSED,
            b -> new RawTar().symlink("a", "b").symlink("b", "a").file("a/x", "pwned")),
        c("whiteout through absolute symlink", Outcome.CONTAINED,
            b -> new RawTar().symlink("link", b).file("link/.wh.sentinel.txt", "")),
        c("whiteout through relative symlink", Outcome.CONTAINED,
            b -> new RawTar().symlink("out", "../outside").file("out/.wh.keep", "")),
        c("opaque marker through symlink", Outcome.CONTAINED,
            b -> new RawTar().symlink("up", "../outside").file("up/.wh..wh..opq", "")),
        c("whiteout of dotdot", Outcome.REFUSED, b -> new RawTar().file(".wh..", "")),
        c("whiteout with dotdot parent", Outcome.REFUSED, b -> new RawTar().file("../.wh.sentinel.txt", "")),
        c("dir over symlink to outside", Outcome.CONTAINED,
            b -> new RawTar().symlink("x", b + "/outside").dir("x/").file("x/evil", "pwned")),
        c("PAX path with dotdot", Outcome.REFUSED,
            b -> new RawTar().paxPath("../sentinel.txt").file("innocent", "pwned")),
        c("GNU long name with dotdot", Outcome.REFUSED,
            b -> new RawTar().gnuLongName("../../sentinel.txt").file("innocent", "pwned")),
        c("file named dot replaces root", Outcome.REFUSED, b -> new RawTar().file(".", "pwned")),
        c("symlink at root", Outcome.REFUSED, b -> new RawTar().symlink(".", "/")),
        c("absolute symlink with dotdots", Outcome.CONTAINED,
            b -> new RawTar().symlink("l", "/../../../" + b).file("l/sentinel.txt", "pwned")),
        c("file through file parent", Outcome.REFUSED,
            b -> new RawTar().file("f", "x").file("f/sentinel.txt", "pwned")),
        c("symlink to outside dir, then hardlink into it", Outcome.REFUSED,
            b -> new RawTar().symlink("o", b + "/outside").hardlink("o/h", "o/keep")));
  }

  private static Arguments c(String name, Outcome outcome, Function<String, RawTar> tar) {
    return Arguments.of(name, outcome, tar);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void hostileTarIsRefusedOrContained(String name, Outcome outcome, Function<String, RawTar> make) throws IOException {
    var before = snapshotOutsideRoot();
    byte[] tar = make.apply(base.toString()).bytes();
    LayerExtractor extractor = LayerExtractor.create(ExtractOptions.defaults());
    if (outcome == Outcome.REFUSED) {
      assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(tar), root))
          .isInstanceOf(UnsafeEntryException.class)
          .hasMessageStartingWith("refusing tar entry");
    } else {
      extractor.extract(new ByteArrayInputStream(tar), root);
      try (Stream<Path> inRoot = Files.list(root)) {
        assertThat(inRoot).as("a contained entry lands inside the root").isNotEmpty();
      }
    }
    assertThat(snapshotOutsideRoot()).isEqualTo(before);
    assertThat(Files.readString(base.resolve("sentinel.txt"))).isEqualTo("original");
    assertThat(Files.isSymbolicLink(base.resolve("sentinel.txt"))).isFalse();
  }

  private TreeMap<String, String> snapshotOutsideRoot() throws IOException {
    TreeMap<String, String> state = new TreeMap<>();
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : all.filter(p -> !p.startsWith(root)).toList()) {
        String kind = Files.isSymbolicLink(p) ? "link:" + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file:" + Files.readString(p);
        state.put(base.relativize(p).toString(), kind);
      }
    }
    try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
      state.put("/tmp/hoist-evil", String.valueOf(tmp.anyMatch(p -> p.getFileName().toString().equals("hoist-evil"))));
    }
    return state;
  }

  @org.junit.jupiter.api.Test
  void corpusHasAtLeastTwentyCases() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(20);
    assertThat(List.of(Outcome.values())).hasSize(2);
  }
}
