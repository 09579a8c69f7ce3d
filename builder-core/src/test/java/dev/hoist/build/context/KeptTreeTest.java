package dev.hoist.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.dockerfile.ignore.DockerIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept part of a context folder: ignored files and folders left out, re-included ones kept with their parents. */
class KeptTreeTest {
  @TempDir Path ctx;

  @BeforeEach
  void setUp() throws IOException {
    for (String f : List.of(".git/HEAD", "src/a.c", "src/b.log", "node_modules/x/index.js", "docs/private/p.md",
        "docs/private/keep.md", "docs/guide.md", "top.log")) {
      Files.createDirectories(ctx.resolve(f).getParent());
      Files.writeString(ctx.resolve(f), f);
    }
    Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("/etc/passwd"));
  }

  private SourceTree context(String... patterns) {
    return SourceTree.context(ctx, DockerIgnore.of(List.of(patterns)), FileHashCache.inMemory());
  }

  private static List<String> relative(KeptTree t) {
    return t.entries().stream().map(KeptTree.Entry::path).toList();
  }

  @Test
  void leavesOutIgnoredPathsAndKeepsReincludedOnesWithTheirParents() throws IOException {
    KeptTree t = KeptTree.of(context(".git", "*.log", "node_modules", "docs/private", "!docs/private/keep.md"), "")
        .orElseThrow();
    assertThat(t.filtered()).isTrue();
    assertThat(relative(t)).containsExactly("", "docs", "docs/guide.md", "docs/private", "docs/private/keep.md",
        "src", "src/a.c", "src/b.log", "src/link");
  }

  @Test
  void aFolderWithNothingIgnoredBelowIsNotFiltered() throws IOException {
    KeptTree t = KeptTree.of(context(".git", "*.log"), "src").orElseThrow();
    assertThat(t.filtered()).isFalse();
    assertThat(t.dir()).isEqualTo(ctx.resolve("src"));
    assertThat(relative(t)).containsExactly("", "a.c", "b.log", "link");
  }

  @Test
  void anIgnoredOrMissingSourceIsNotThere() throws IOException {
    SourceTree c = context(".git", "*.log", "docs/private", "!docs/private/keep.md", "node_modules");
    assertThat(KeptTree.of(c, "top.log")).isEmpty();
    assertThat(KeptTree.of(c, ".git")).isEmpty();
    assertThat(KeptTree.of(c, "node_modules/x")).isEmpty();
    assertThat(KeptTree.of(c, "missing")).isEmpty();
    assertThat(KeptTree.of(c, "top.log/below")).isEmpty();
    assertThat(relative(KeptTree.of(c, "docs/private").orElseThrow())).containsExactly("", "keep.md");
  }
}
