package dev.hoist.cache.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TreeRemover} on real files. Read-only directories only stop a process without
 * CAP_DAC_OVERRIDE, so as root those cases run {@link TreeRemoverProbe} with that capability (and
 * CAP_DAC_READ_SEARCH, CAP_FOWNER) dropped from its bounding set by {@code setpriv}.
 */
class TreeRemoverTest {
  @TempDir Path tmp;

  @Test
  void deletesAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    TreeRemover.delete(file);
    assertThat(file).doesNotExist();
  }

  @Test
  void aMissingTreeIsNoError() {
    assertThatCode(() -> TreeRemover.delete(tmp.resolve("missing/tree"))).doesNotThrowAnyException();
  }

  @Test
  void deletesSymlinksAsThemselvesAndNeverWhatTheyPointAt() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside/dir"));
    Path outsideFile = Files.writeString(outside.resolve("keep.txt"), "keep");
    Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
    Files.writeString(tree.resolve("own.txt"), "own");
    Files.createSymbolicLink(tree.resolve("to-dir"), outside);
    Files.createSymbolicLink(tree.resolve("to-file"), outsideFile);
    Files.createSymbolicLink(tree.resolve("relative"), Path.of("../../outside"));
    Files.createSymbolicLink(tree.resolve("dangling"), tmp.resolve("nothing"));

    TreeRemover.delete(tmp.resolve("tree"));

    assertThat(tmp.resolve("tree")).doesNotExist();
    assertThat(outsideFile).hasContent("keep");
  }

  @Test
  void aLinkAsTheRootIsDeletedAloneEvenWithATrailingSlashInTheTarget() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "keep");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of(outside + "/"));

    TreeRemover.delete(link);

    assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outside.resolve("keep.txt")).hasContent("keep");
  }

  @Test
  void deletesNestedDirectoriesWithoutWriteReadOrSearchPermission() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree/a/b/c"));
    Files.writeString(tree.resolve("deep.txt"), "deep");
    Path noAccess = Files.createDirectories(tmp.resolve("tree/a/none"));
    Files.writeString(noAccess.resolve("hidden.txt"), "hidden");
    Files.writeString(tmp.resolve("tree/a/top.txt"), "top");
    chmod(tmp.resolve("tree/a/b/c"), "r-xr-xr-x");
    chmod(tmp.resolve("tree/a/b"), "r-x------");
    chmod(tmp.resolve("tree/a"), "r-xr-xr-x");
    chmod(noAccess, "---------");

    String out = deleteWithoutOverride(tmp.resolve("tree"));

    assertThat(out).isEqualTo("deleted");
    assertThat(tmp.resolve("tree")).doesNotExist();
  }

  @Test
  void aFailureNamesThePathItCouldNotDelete() throws Exception {
    Path parent = Files.createDirectories(tmp.resolve("locked"));
    Path tree = Files.createDirectories(parent.resolve("tree/sub"));
    Files.writeString(tree.resolve("f.txt"), "f");
    chmod(parent, "r-xr-xr-x");
    try {
      String out = deleteWithoutOverride(parent.resolve("tree"));

      assertThat(out).isEqualTo("error cannot delete " + parent.resolve("tree") + ": permission denied");
      assertThat(parent.resolve("tree")).isEmptyDirectory();
    } finally {
      chmod(parent, "rwxr-xr-x");
    }
  }

  private static void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  /** Deletes {@code tree} in this process, or as root in a probe that permission checks apply to; returns what it printed. */
  private static String deleteWithoutOverride(Path tree) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      try {
        TreeRemover.delete(tree);
        return "deleted";
      } catch (java.io.IOException e) {
        return "error " + e.getMessage();
      }
    }
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner",
        "--", ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), TreeRemoverProbe.class.getName(), tree.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }
}
