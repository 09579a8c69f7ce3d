package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.build.api.BuildRequest;
import dev.hoist.build.api.BuildResult;
import dev.hoist.build.api.Builder;
import dev.hoist.build.image.StoreImageSource;
import dev.hoist.build.progress.ProgressListener;
import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD of git repositories, served by a real {@code git daemon} on loopback. */
class AddGitTest {
  @TempDir static Path served;
  @TempDir Path tmp;
  static Process daemon;
  static String base;

  @BeforeAll
  static void serve() throws Exception {
    boolean hasGit = new ProcessBuilder("git", "--version").start().waitFor() == 0;
    if (!hasGit) {
      System.out.println("AddGitTest skipped: the git command is not installed (apt-get install git)");
    }
    Assumptions.assumeTrue(hasGit, "git is not installed");
    Path repo = Files.createDirectories(served.resolve("app.git"));
    git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("a.txt"), "alpha\n");
    Files.createDirectories(repo.resolve("bin"));
    Files.writeString(repo.resolve("bin/run.sh"), "#!/bin/sh\necho run\n");
    Files.setPosixFilePermissions(repo.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(repo.resolve("sub/dir"));
    Files.writeString(repo.resolve("sub/dir/x.txt"), "x\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "one");
    git(repo, "tag", "-a", "v1", "-m", "v1");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", "--port=" + port,
        "--base-path=" + served, served.toString()).redirectErrorStream(true)
        .redirectOutput(served.resolve("daemon.log").toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    base = "git://127.0.0.1:" + port + "/app.git";
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.destroy();
      daemon.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GIT_COMMITTER_DATE", "2024-01-02T03:04:05Z");
    pb.environment().put("GIT_AUTHOR_DATE", "2024-01-02T03:04:05Z");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private BuildResult build(LocalStore store, String dockerfile) throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    return new Builder(store, new StoreImageSource(store)).build(BuildRequest.of(ctx).withDockerfileText(dockerfile)
        .withPlatforms(List.of(Platform.parse("linux/amd64"))), ProgressListener.NONE);
  }

  private static List<String> entries(LocalStore store, BuildResult r) throws IOException {
    Manifest m = Manifest.parse(store.readBlob(r.root().digest()), "manifest");
    List<String> out = new ArrayList<>();
    try (InputStream in = store.openBlob(m.layers().get(m.layers().size() - 1).digest());
        TarReader tar = new TarReader(Compressors.decompress(in))) {
      for (Optional<TarEntry> e; (e = tar.next()).isPresent(); ) {
        out.add(e.get().name() + " " + Integer.toOctalString(e.get().mode() & 07777) + " " + e.get().mtime());
      }
    }
    return out;
  }

  @Test
  void addsATagWithNormalisedModesAndTheCommitTimeAndNoGitDir() throws IOException {
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    List<String> files = entries(store, build(store, "FROM scratch\nADD " + base + "#v1 /src/\n"));
    long commitTime = 1704164645L;
    assertThat(files).contains("src/a.txt 644 " + commitTime, "src/bin/run.sh 755 " + commitTime,
        "src/sub/dir/x.txt 644 " + commitTime);
    assertThat(files).noneMatch(f -> f.contains(".git"));
  }

  @Test
  void aSubdirectoryAndKeepGitDir() throws IOException {
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    assertThat(entries(store, build(store, "FROM scratch\nADD " + base + "#main:sub/dir /x/\n")))
        .anyMatch(f -> f.startsWith("x/x.txt 644")).noneMatch(f -> f.contains("a.txt"));
    assertThat(entries(store, build(store, "FROM scratch\nADD --keep-git-dir=true " + base + " /k/\n")))
        .anyMatch(f -> f.startsWith("k/.git/HEAD "));
  }

  @Test
  void anUnchangedRefIsCachedAndANewCommitRebuilds() throws Exception {
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    String dockerfile = "FROM scratch\nADD " + base + "#main /src/\n";
    assertThat(build(store, dockerfile).stepsRun()).isEqualTo(1);
    assertThat(build(store, dockerfile).stepsRun()).isZero();
    Path repo = served.resolve("app.git");
    Files.writeString(repo.resolve("b.txt"), "beta\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "two");
    BuildResult after = build(store, dockerfile);
    assertThat(after.stepsRun()).isEqualTo(1);
    assertThat(entries(store, after)).anyMatch(f -> f.startsWith("src/b.txt 644"));
    git(repo, "reset", "-q", "--hard", "HEAD~1");
  }

  @Test
  void aMissingRefAndAnUnreachableServerSayWhatAndHideTokens() {
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    assertThatThrownBy(() -> build(store, "FROM scratch\nADD " + base + "#nope /src/\n"))
        .hasMessage("Dockerfile:2:1: ADD failed: git source " + base + " has no branch or tag nope");
    assertThatThrownBy(() -> build(store, "FROM scratch\nADD http://me:tok3n@127.0.0.1:1/x.git /src/\n"))
        .hasMessageStartingWith("Dockerfile:2:1: ADD failed: git ls-remote of http://127.0.0.1:1/x.git failed: ")
        .message().doesNotContain("tok3n");
  }
}
