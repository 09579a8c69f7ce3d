package dev.hoist.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextPathTest {
  @TempDir Path root;

  @Test
  void dotDotStopsAtTheRoot() {
    assertThat(ContextPath.clean("../../etc/passwd")).isEqualTo("etc/passwd");
    assertThat(ContextPath.clean("/a/./b/../c/")).isEqualTo("a/c");
  }

  @Test
  void symlinksResolveInsideTheRoot() throws Exception {
    Files.createDirectories(root.resolve("real"));
    Files.writeString(root.resolve("real/f"), "x");
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc"));
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../etc"));
    Files.createSymbolicLink(root.resolve("rel"), Path.of("real"));
    assertThat(ContextPath.resolve(root, "abs/passwd", true)).isEqualTo("etc/passwd");
    assertThat(ContextPath.resolve(root, "up/passwd", true)).isEqualTo("etc/passwd");
    assertThat(ContextPath.resolve(root, "rel/f", true)).isEqualTo("real/f");
    assertThat(ContextPath.resolve(root, "rel", false)).isEqualTo("rel");
  }
}
