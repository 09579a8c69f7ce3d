package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.SourceTree;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.instruction.SourceContent;
import dev.hoist.oci.HoistException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyPlannerTest {
  @TempDir Path ctx;
  FileHashCache hashes = FileHashCache.inMemory();
  CopyPlanner planner;

  @BeforeEach
  void setUp() throws Exception {
    for (String f : List.of("a.txt", "b.txt", "c.md", "dir/x.txt", "dir/sub/y.txt", "dir/z.log", "p/q/r.txt")) {
      Path p = ctx.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    Files.createSymbolicLink(ctx.resolve("escape"), Path.of("/etc/hostname"));
    planner = new CopyPlanner(SourceTree.context(ctx, DockerIgnore.of(List.of("*.md")), hashes),
        BuildClock.of(Optional.empty()), d -> d.equals("usr") || d.equals("existing"));
  }

  private List<String> names(List<String> sources, String dest, boolean destIsDir) throws Exception {
    return names(new CopyPlanner.Request(sources, List.of(), dest, destIsDir, Optional.empty(), 0, 0, false, List.of()));
  }

  private List<String> names(CopyPlanner.Request r) throws Exception {
    return planner.plan(r).entries().stream().map(FileEntry::name).toList();
  }

  @Test
  void fileToFileAndIntoDirectory() throws Exception {
    assertThat(names(List.of("a.txt"), "/usr/renamed", false)).containsExactly("usr/renamed");
    assertThat(names(List.of("a.txt"), "/new/", true)).containsExactly("new", "new/a.txt");
    assertThat(names(List.of("a.txt"), "/existing", false)).containsExactly("existing/a.txt");
  }

  @Test
  void ontoEmptyMakesEveryParentOwnedAsChownAndLeavesOutMatchedSources() throws Exception {
    CopyPlanner linked = CopyPlanner.ontoEmpty(SourceTree.context(ctx, DockerIgnore.none(), hashes),
        BuildClock.of(Optional.empty()));
    List<FileEntry> entries = linked.plan(new CopyPlanner.Request(List.of("a.txt"), List.of(), "/usr/existing", false,
        Optional.empty(), 7, 8, false, List.of())).entries();
    assertThat(entries).extracting(e -> e.name() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid())
        .containsExactly("usr 755 7:8", "usr/existing 644 7:8");
    assertThat(planner.leavingOut(java.util.Set.of("a.txt")).plan(new CopyPlanner.Request(List.of("*.txt"), List.of(),
        "/usr/", true, Optional.empty(), 0, 0, false, List.of())).entries()).extracting(FileEntry::name)
        .containsExactly("usr/b.txt");
  }

  @Test
  void planTakesMatchesGivenAndMatchesTheOtherSources() throws Exception {
    List<String> txt = planner.match("*.txt");
    assertThat(txt).containsExactly("a.txt", "b.txt");
    CopyPlanner.Request r = new CopyPlanner.Request(List.of("*.txt", "dir/*.log"), List.of(), "/usr/", true,
        Optional.empty(), 0, 0, false, List.of());
    assertThat(planner.plan(r, java.util.Map.of("*.txt", List.of("b.txt"))).entries()).extracting(FileEntry::name)
        .containsExactly("usr/b.txt", "usr/z.log");
    assertThat(planner.plan(r, java.util.Map.of("*.txt", txt)).entries()).isEqualTo(planner.plan(r).entries());
  }

  @Test
  void excludesSourceByPathOrName() {
    DockerIgnore excludes = CopyPlanner.excludes(List.of("*.tar"));
    assertThat(CopyPlanner.excludesSource(excludes, "x.tar")).isTrue();
    assertThat(CopyPlanner.excludesSource(excludes, "sub/x.tar")).isTrue();
    assertThat(CopyPlanner.excludesSource(excludes, "x.tgz")).isFalse();
    assertThat(CopyPlanner.excludesSource(CopyPlanner.excludes(List.of()), "x.tar")).isFalse();
  }

  @Test
  void directoryCopiesItsContents() throws Exception {
    assertThat(names(List.of("dir"), "/usr/d", false))
        .containsExactly("usr/d", "usr/d/sub", "usr/d/sub/y.txt", "usr/d/x.txt", "usr/d/z.log");
  }

  @Test
  void wildcardsAndIgnoreAndExclude() throws Exception {
    assertThat(names(List.of("*.txt"), "/usr/", true)).containsExactly("usr/a.txt", "usr/b.txt");
    assertThat(names(List.of("*"), "/usr/", true)).doesNotContain("usr/c.md").contains("usr/x.txt", "usr/sub/y.txt");
    assertThat(names(new CopyPlanner.Request(List.of("dir"), List.of(), "/usr/", true, Optional.empty(), 0, 0, false,
        List.of("*.log")))).doesNotContain("usr/z.log").contains("usr/x.txt");
  }

  @Test
  void severalSourcesNeedASlash() {
    assertThatThrownBy(() -> names(List.of("a.txt", "b.txt"), "/out", false))
        .isInstanceOf(HoistException.class).hasMessageContaining("must be a directory and end with a /");
  }

  @Test
  void missingAndIgnoredSourcesAreNotFound() {
    assertThatThrownBy(() -> names(List.of("nope.txt"), "/", true)).hasMessageContaining("\"nope.txt\": not found");
    assertThatThrownBy(() -> names(List.of("c.md"), "/", true)).hasMessageContaining("excluded by .dockerignore");
    assertThatThrownBy(() -> names(List.of("*.nothing"), "/", true)).hasMessageContaining("not found");
  }

  @Test
  void symlinkSourceNeverLeavesTheContext() {
    // /etc/hostname outside is never read: the link resolves to <context>/etc/hostname, which does not exist.
    assertThatThrownBy(() -> names(List.of("escape"), "/", true)).hasMessageContaining("not found");
  }

  @Test
  void parentsKeepThePath() throws Exception {
    assertThat(names(new CopyPlanner.Request(List.of("p/q/r.txt"), List.of(), "/usr/", true, Optional.empty(), 0, 0,
        true, List.of()))).containsExactly("usr/p", "usr/p/q", "usr/p/q/r.txt");
    assertThat(names(new CopyPlanner.Request(List.of("p/./q/r.txt"), List.of(), "/usr/", true, Optional.empty(), 0, 0,
        true, List.of()))).containsExactly("usr/q", "usr/q/r.txt");
  }

  @Test
  void heredocsAndOwnership() throws Exception {
    CopyPlanner.Plan plan = planner.plan(new CopyPlanner.Request(List.of(), List.of(new SourceContent("run.sh", "echo\n", false)),
        "/usr/bin/", true, Optional.of(new Chmod("755")), 5, 6, false, List.of()));
    FileEntry e = plan.entries().get(plan.entries().size() - 1);
    assertThat(e.name()).isEqualTo("usr/bin/run.sh");
    assertThat(e.mode()).isEqualTo(0755);
    assertThat(e.uid()).isEqualTo(5);
    assertThat(new String(e.inline().orElseThrow())).isEqualTo("echo\n");
  }

  @Test
  void contentDigestChangesWithContentAndHashCacheAvoidsRereads() throws Exception {
    var first = planner.plan(new CopyPlanner.Request(List.of("dir"), List.of(), "/d/", true, Optional.empty(), 0, 0, false, List.of()));
    long hashed = hashes.filesHashed();
    var again = planner.plan(new CopyPlanner.Request(List.of("dir"), List.of(), "/d/", true, Optional.empty(), 0, 0, false, List.of()));
    assertThat(again.contentDigest()).isEqualTo(first.contentDigest());
    assertThat(hashes.filesHashed()).isEqualTo(hashed);
    Files.writeString(ctx.resolve("dir/x.txt"), "changed, longer");
    var changed = planner.plan(new CopyPlanner.Request(List.of("dir"), List.of(), "/d/", true, Optional.empty(), 0, 0, false, List.of()));
    assertThat(changed.contentDigest()).isNotEqualTo(first.contentDigest());
    assertThat(hashes.filesHashed()).isEqualTo(hashed + 1);
  }
}
