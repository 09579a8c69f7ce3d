package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.runtime.userns.ProcessIds;
import dev.hoist.transfer.testing.BusyboxImage;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code uid}, {@code gid} and {@code mode} of cache, secret and ssh mounts, read back with {@code
 * stat -c %u:%g:%a} inside RUN, through {@code bin/hoist build} as root and as the CI user {@code
 * hoist-ci} (rootless, through runuser as {@code RootlessOwnershipIT} does): both see the same
 * owners, a later {@code USER app} RUN writes into the cache and reads the secret they own, and the
 * context bind leaves out {@code .dockerignore}d files rootless too. Rootless, an id the user
 * namespace lacks fails the build in one line.
 */
class RunMountOwnersIT {
  private static final String USER = "hoist-ci";
  private static final String TOKEN = "token-value-of-23-bytes";
  private static final String DOCKERFILE = """
      FROM busybox
      RUN --mount=type=cache,id=owned,target=/cache,uid=1000,gid=1001,mode=0750 \\
          --mount=type=secret,id=token,uid=1000,gid=1001,mode=0440 \\
          --mount=type=secret,id=token,target=/plain-secret \\
          --mount=type=ssh,uid=1000,gid=1001,mode=0660 \\
          --mount=type=ssh,target=/plain-agent \\
          --mount=type=bind,target=/ctx \\
          stat -c %u:%g:%a /cache /run/secrets/token /plain-secret /run/buildkit/ssh_agent.0 /plain-agent > /owners \\
          && test -S /run/buildkit/ssh_agent.0 && echo "$SSH_AUTH_SOCK" > /agent-variable && ls -a /ctx > /ctx-names
      USER app
      RUN --mount=type=cache,id=owned,target=/cache,uid=1000,gid=1001,mode=0750 \\
          --mount=type=secret,id=token,uid=1000,mode=0400 \\
          echo by-app > /cache/by-app && cat /cache/by-app > /tmp/cache-read && wc -c < /run/secrets/token > /tmp/secret-size
      """;
  private Path dir;
  private BuildWorkspace ws;
  private ServerSocketChannel agent;

  @BeforeEach
  void setUp() throws Exception {
    BusyboxImage.assumeAvailable();
    dir = Files.createTempDirectory(Path.of("/tmp"), "hoist-mount-owners-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    ws = new BuildWorkspace(dir);
    ws.write("Dockerfile", DOCKERFILE);
    ws.write(".dockerignore", ".env\n");
    ws.write(".env", "PASSWORD=x\n");
    Files.writeString(dir.resolve("token"), TOKEN);
    agent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    agent.bind(UnixDomainSocketAddress.of(dir.resolve("agent.sock")));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (dir != null) {
      Proc.tool(Path.of("/"), "rm", "-rf", dir.toString()).ok();
    }
  }

  @Test
  void asRootTheMountsHaveTheirOwnersAndModes() throws Exception {
    Assumptions.assumeTrue(ProcessIds.effectiveUid() == 0, "the root variant needs root (the other one runs rootless)");
    ws.importBusybox();

    Proc.run(build(), Map.of(), dir, null).ok();

    assertBuiltAsExpected();
  }

  @Test
  void rootlessTheMountsHaveTheSameOwnersAndModes() throws Exception {
    Assumptions.assumeTrue(ProcessIds.effectiveUid() == 0, "started by root, which switches to " + USER + " with runuser");
    Assumptions.assumeTrue(Proc.tool(Path.of("/"), "id", USER).exit() == 0,
        "no user " + USER + " (CI creates it: useradd -m hoist-ci)");
    Optional<Long> range = subordinateRangeSize();
    Assumptions.assumeTrue(range.isPresent(), "no /etc/subuid and /etc/subgid range for " + USER);
    ws.importBusybox();
    Proc.tool(dir, "chown", "-R", USER + ":" + USER, dir.toString()).ok();

    Proc built = Proc.run(asUser(build()), Map.of(), dir, null);
    assertThat(built.exit()).as(built.out() + built.err()).isZero();
    assertBuiltAsExpected();

    long far = range.get() + 10;
    ws.write("Dockerfile", "FROM busybox\nRUN --mount=type=cache,target=/far,uid=" + far + " true\n");
    Proc refused = Proc.run(asUser(build()), Map.of(), dir, null);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Dockerfile:2").contains("uid/gid " + far + ":0 on a mount is not in the user"
        + " namespace of " + USER + ": give it a range of at least " + far + " ids in /etc/subuid and /etc/subgid")
        .doesNotContain("Exception");
  }

  private List<String> build() {
    return List.of("env", "HOIST_HOME=" + ws.home, Proc.repo().resolve("bin/hoist").toAbsolutePath().toString(), "build",
        "--progress", "plain", "--secret", "id=token,src=" + dir.resolve("token"), "--ssh",
        "default=" + dir.resolve("agent.sock"), "-t", "out:1", ws.ctx.toString());
  }

  private static List<String> asUser(List<String> command) {
    List<String> out = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
    out.addAll(command);
    return out;
  }

  private void assertBuiltAsExpected() throws Exception {
    Path root = ws.unpack("out:1");
    assertThat(Files.readAllLines(root.resolve("owners")))
        .containsExactly("1000:1001:750", "1000:1001:440", "0:0:400", "1000:1001:660", "0:0:600");
    assertThat(root.resolve("agent-variable")).hasContent("/run/buildkit/ssh_agent.0");
    assertThat(Files.readAllLines(root.resolve("ctx-names"))).containsExactly(".", "..", ".dockerignore", "Dockerfile");
    assertThat(root.resolve("tmp/cache-read")).hasContent("by-app");
    assertThat(root.resolve("tmp/secret-size")).hasContent(Integer.toString(TOKEN.length()));
  }

  private static Optional<Long> subordinateRangeSize() throws Exception {
    Optional<Long> uids = rangeSize(Path.of("/etc/subuid"));
    Optional<Long> gids = rangeSize(Path.of("/etc/subgid"));
    return uids.isPresent() && gids.isPresent() ? Optional.of(Math.min(uids.get(), gids.get())) : Optional.empty();
  }

  private static Optional<Long> rangeSize(Path file) throws Exception {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines.map(l -> l.trim().split(":")).filter(f -> f.length == 3 && f[0].equals(USER))
          .map(f -> Long.parseLong(f[2])).findFirst();
    }
  }
}
