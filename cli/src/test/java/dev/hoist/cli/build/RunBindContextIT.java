package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.transfer.testing.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RUN --mount=type=bind} from the build context, through {@code bin/hoist build} on the
 * busybox fixture: the RUN sees the context as {@code .dockerignore} leaves it (a re-included
 * file of an ignored folder too; {@code *.log} only at the top, as in Docker), over the context's own inodes (hard links, nothing copied), and
 * the step's key follows the kept files only (with the store on another file system, copies of
 * them); with nothing ignored the folder itself is bound; a
 * {@code rw} mount's writes never reach the context; and no {@code source} leads outside it.
 */
class RunBindContextIT {
  @TempDir Path tmp;
  BuildWorkspace ws;

  @BeforeEach
  void setUp() throws IOException {
    ws = BuildWorkspace.withBusybox(tmp);
    ws.write(".dockerignore", ".git\n.env\n*.log\nsecret\n!secret/public.txt\n");
    ws.write(".git/config", "[core]\n");
    ws.write(".env", "TOKEN=one\n");
    ws.write("app.log", "log\n");
    ws.write("src/main.c", "int main;\n");
    ws.write("src/debug.log", "debug\n");
    ws.write("secret/private.key", "key\n");
    ws.write("secret/public.txt", "public\n");
    ws.write("big.bin", "x".repeat(1 << 20));
  }

  private static String inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS).toString();
  }

  @Test
  void aContextBindShowsWhatDockerignoreKeepsAndIsKeyedByThatOnly() throws Exception {
    ws.write("Dockerfile", """
        FROM busybox
        RUN --mount=type=bind,target=/ctx cd /ctx && find . > /listing && stat -c %i big.bin > /inode \\
            && cat src/main.c > /main
        """);
    ws.hoist("build", "-q", "-t", "out:1", ws.ctx.toString()).ok();

    Path root = ws.unpack("out:1");
    assertThat(Files.readAllLines(root.resolve("listing"))).containsExactlyInAnyOrder(".", "./.dockerignore",
        "./Dockerfile", "./big.bin", "./secret", "./secret/public.txt", "./src", "./src/main.c", "./src/debug.log");
    assertThat(root.resolve("inode")).as("the kept file is the context's own inode: linked, not copied")
        .hasContent(inode(ws.ctx.resolve("big.bin")));
    assertThat(Files.readString(ws.ctx.resolve("big.bin"))).hasSize(1 << 20);

    ws.write(".env", "TOKEN=two\n");
    ws.write("app.log", "more log\n");
    ws.write("secret/private.key", "other key\n");
    ws.write(".git/HEAD", "ref: refs/heads/main\n");
    Proc ignoredChanged = ws.hoist("build", "--progress", "plain", "-t", "out:2", ws.ctx.toString()).ok();
    assertThat(ignoredChanged.err()).as("a change to ignored files keeps the RUN cached").contains("CACHED")
        .doesNotContain(" DONE ");

    ws.write("src/main.c", "int main(void);\n");
    ws.hoist("build", "-q", "-t", "out:3", ws.ctx.toString()).ok();
    assertThat(ws.unpack("out:3").resolve("main")).hasContent("int main(void);");
  }

  @Test
  void withNothingIgnoredUnderTheSourceTheFolderItselfIsBound() throws Exception {
    ws.write("Dockerfile", """
        FROM busybox
        RUN --mount=type=bind,source=src,target=/src stat -c %i /src /src/main.c > /inodes && ls /src > /names
        """);
    ws.write(".dockerignore", "secret\n");
    ws.hoist("build", "-q", "-t", "out:1", ws.ctx.toString()).ok();

    Path root = ws.unpack("out:1");
    assertThat(Files.readAllLines(root.resolve("inodes")))
        .containsExactly(inode(ws.ctx.resolve("src")), inode(ws.ctx.resolve("src/main.c")));
    assertThat(Files.readAllLines(root.resolve("names"))).containsExactly("debug.log", "main.c");
  }

  @Test
  void acrossFileSystemsTheViewHoldsCopiesOfTheKeptFiles() throws Exception {
    Path shm = Path.of("/dev/shm");
    Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(tmp, "unix:dev")),
        "no writable /dev/shm on another file system than " + tmp + " to hold the store");
    Path shmHome = Files.createTempDirectory(shm, "hoist-bind-");
    try {
      BusyboxImage.importInto(LocalStore.open(shmHome), "busybox:latest", Files.createDirectories(tmp.resolve("work2")));
      ws.write("Dockerfile", """
          FROM busybox
          RUN --mount=type=bind,target=/ctx cd /ctx && find . > /listing && stat -c %i big.bin > /inode \\
              && cat src/main.c > /main
          """);
      Proc.hoist(shmHome, tmp, null, "build", "-q", "-t", "out:1", ws.ctx.toString()).ok();
      Path root = ws.unpack(shmHome, "out:1");
      assertThat(Files.readAllLines(root.resolve("listing"))).contains("./big.bin", "./src/main.c")
          .doesNotContain("./.env", "./.git", "./secret/private.key");
      assertThat(root.resolve("main")).hasContent("int main;");
      assertThat(Files.readString(root.resolve("inode")).strip()).isNotEqualTo(inode(ws.ctx.resolve("big.bin")));
    } finally {
      Proc.tool(tmp, "rm", "-rf", shmHome.toString()).ok();
    }
  }

  @Test
  void aReadWriteBindNeverChangesTheContext() throws Exception {
    ws.write("Dockerfile", """
        FROM busybox
        RUN --mount=type=bind,target=/ctx,rw echo changed > /ctx/src/main.c && echo more >> /ctx/big.bin \\
            && chmod 600 /ctx/secret/public.txt && rm /ctx/Dockerfile && touch /ctx/new && cat /ctx/src/main.c > /seen
        RUN --mount=type=bind,source=src,target=/src,rw echo again > /src/main.c && rm /src/debug.log
        """);
    ws.hoist("build", "-q", "-t", "out:1", ws.ctx.toString()).ok();

    assertThat(ws.unpack("out:1").resolve("seen")).hasContent("changed");
    assertThat(ws.ctx.resolve("src/main.c")).hasContent("int main;");
    assertThat(ws.ctx.resolve("src/debug.log")).hasContent("debug");
    assertThat(Files.size(ws.ctx.resolve("big.bin"))).isEqualTo(1 << 20);
    assertThat(Files.getAttribute(ws.ctx.resolve("secret/public.txt"), "unix:mode")).isEqualTo(0100644);
    assertThat(ws.ctx.resolve("Dockerfile")).exists();
    assertThat(ws.ctx.resolve("new")).doesNotExist();
  }

  @Test
  void noSourceLeadsOutsideTheContextOrToAnIgnoredFile() throws Exception {
    Files.writeString(tmp.resolve("outside.txt"), "outside\n");
    Files.createSymbolicLink(ws.ctx.resolve("up"), Path.of("../outside.txt"));
    Files.createSymbolicLink(ws.ctx.resolve("abs"), Path.of("/etc"));
    for (String source : List.of("../outside.txt", "../../../../etc/hostname", "up", "abs/hostname", ".env",
        "secret/private.key", ".git")) {
      ws.write("Dockerfile", "FROM busybox\nRUN --mount=type=bind,source=" + source + ",target=/m cat /m\n");
      Proc refused = ws.hoist("build", "--progress", "plain", ws.ctx.toString());
      assertThat(refused.exit()).as(source).isEqualTo(1);
      assertThat(refused.err()).as(source).contains("Dockerfile:2")
          .contains("source=" + source + ": not found in build context (or excluded by .dockerignore)")
          .doesNotContain("Exception");
    }

    ws.write("Dockerfile", """
        FROM busybox
        RUN --mount=type=bind,target=/ctx cat /ctx/abs/passwd > /passwd && cat /ctx/up > /up || echo gone > /up
        """);
    ws.hoist("build", "-q", "-t", "out:1", ws.ctx.toString()).ok();
    Path root = ws.unpack("out:1");
    assertThat(root.resolve("passwd")).as("a symlink in the mount resolves inside the container")
        .hasContent(Files.readString(root.resolve("etc/passwd")).strip());
    assertThat(root.resolve("up")).hasContent("gone");
  }
}
