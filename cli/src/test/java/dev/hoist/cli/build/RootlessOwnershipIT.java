package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Digest;
import dev.hoist.runtime.userns.ProcessIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Base-image owners under a rootless RUN: a base whose layer has a file owned 1000:1000 (one of
 * them setuid, one a symlink to a root-owned file), a folder owned 65534 and a file owned by an id beyond the CI user's subordinate
 * range is built FROM as {@code hoist-ci} (through runuser, as {@code RootlessTest} does). Inside
 * RUN the files show their base owners, and the RUN's layer records them, and the owners of what
 * the RUN creates and chowns, as container ids; the build as root gives the same layer.
 */
class RootlessOwnershipIT {
  private static final String USER = "hoist-ci";
  private static final String RUN = "stat -c '%n %u:%g %a' /data/app.txt /data/nobody /data/suid /data/far /data/link"
      + " /data/root.txt > /out"
      + " && touch /data/app.txt /data/suid && mkdir /data/nobody/sub && chown 1234:1234 /data/nobody/sub"
      + " && echo n > /new && chown 4321:4322 /new";
  private Path dir;
  private long farId;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(ProcessIds.effectiveUid() == 0, "started by root, which switches to " + USER + " with runuser");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
    Assumptions.assumeTrue(run("id", USER) == 0, "no user " + USER + " (CI creates it: useradd -m hoist-ci)");
    Optional<Long> range = subordinateRangeSize();
    Assumptions.assumeTrue(range.isPresent(), "no /etc/subuid and /etc/subgid range for " + USER);
    farId = range.get() + 10;
    dir = Files.createTempDirectory(Path.of("/tmp"), "hoist-owners-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    for (String applet : List.of("sh", "stat", "touch", "mkdir", "chown", "echo")) {
      Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
    }
    Path data = Files.createDirectories(dir.resolve("rootfs/data/nobody")).getParent();
    Files.writeString(data.resolve("app.txt"), "app\n");
    Files.writeString(data.resolve("suid"), "suid\n");
    Files.writeString(data.resolve("far"), "far\n");
    ok("chown", "1000:1000", data.resolve("app.txt").toString(), data.resolve("suid").toString());
    ok("chmod", "4755", data.resolve("suid").toString());
    ok("chown", "65534:65534", data.resolve("nobody").toString());
    ok("chown", farId + ":" + farId, data.resolve("far").toString());
    Files.writeString(data.resolve("root.txt"), "root\n");
    Files.createSymbolicLink(data.resolve("link"), Path.of("root.txt"));
    ok("chown", "-h", "1000:1000", data.resolve("link").toString());
    // A service user's private folder, as Debian's /var/cache/apt/archives/partial (_apt:root 0700).
    Path shut = Files.createDirectories(data.resolve("private"));
    Files.writeString(shut.resolve("state"), "s\n");
    ok("chown", "-R", "42:0", shut.toString());
    ok("chmod", "700", shut.toString());
    Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(dir.resolve("ctx/Dockerfile"), "FROM base:1\nRUN " + RUN + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (dir != null) {
      run("rm", "-rf", dir.toString());
    }
  }

  @Test
  void aRootlessRunSeesAndRecordsTheBaseOwnersAsRootDoes() throws Exception {
    Path rootHome = dir.resolve("root-home");
    Path userHome = dir.resolve("user-home");
    for (Path home : List.of(rootHome, userHome)) {
      Proc.hoist(home, dir, null, "import", dir.resolve("rootfs").toString(), "base:1").ok();
    }
    ok("chown", "-R", USER + ":" + USER, userHome.toString(), dir.resolve("ctx").toString());

    Proc.hoist(rootHome, dir, null, "build", "--progress", "plain", "-t", "out:1", dir.resolve("ctx").toString()).ok();
    Proc rootless = buildAsUser(userHome);
    assertThat(rootless.exit()).as(rootless.out() + rootless.err()).isZero();

    String expectedOut = "/data/app.txt 1000:1000 644\n/data/nobody 65534:65534 755\n/data/suid 1000:1000 4755\n"
        + "/data/far " + farId + ":" + farId + " 644\n/data/link 1000:1000 777\n/data/root.txt 0:0 644\n";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("data", "0:0 755");
    expected.put("data/app.txt", "1000:1000 644");
    expected.put("data/nobody", "65534:65534 755");
    expected.put("data/nobody/sub", "1234:1234 755");
    expected.put("data/suid", "1000:1000 4755");
    expected.put("new", "4321:4322 644");
    expected.put("out", "0:0 644");
    assertThat(topLayer(rootHome)).isEqualTo(new Layer(expected, expectedOut));

    Layer userLayer = topLayer(userHome);
    assertThat(userLayer).as("the id beyond the range shows as root, as before")
        .isEqualTo(new Layer(expected, expectedOut.replace("/data/far " + farId + ":" + farId, "/data/far 0:0")));
    assertThat(rootless.out() + rootless.err()).contains("have owners outside the subordinate ids (first: data/far "
        + farId + ":" + farId + "); inside RUN they show as owned by root");

    Proc again = buildAsUser(userHome, "--no-cache");
    assertThat(again.exit()).as(again.out() + again.err()).isZero();
    assertThat(again.out() + again.err()).as("the layer folder is reused, so nothing is warned again")
        .doesNotContain("subordinate ids");
    assertThat(topLayer(userHome)).isEqualTo(userLayer);
  }

  @Test
  void aRunWritingIntoAServiceUsersPrivateFolderStillBuildsRootless() throws Exception {
    Path userHome = dir.resolve("user-home");
    Proc.hoist(userHome, dir, null, "import", dir.resolve("rootfs").toString(), "base:1").ok();
    Files.writeString(dir.resolve("ctx/Dockerfile"), "FROM base:1\nRUN touch /data/private/new /data/private/state\n");
    ok("chown", "-R", USER + ":" + USER, userHome.toString(), dir.resolve("ctx").toString());

    Proc rootless = buildAsUser(userHome);

    assertThat(rootless.exit()).as(rootless.out() + rootless.err()).isZero();
    assertThat(rootless.out() + rootless.err()).contains("keep root as owner inside RUN (first: data/private 42:0 700)");
    assertThat(topLayer(userHome).owners()).containsKeys("data/private", "data/private/new", "data/private/state");
  }

  private Proc buildAsUser(Path home, String... flags) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("runuser", "-u", USER, "--", "env", "HOIST_HOME=" + home,
        Proc.repo().resolve("bin/hoist").toAbsolutePath().toString(), "build", "--progress", "plain", "-t", "out:1"));
    cmd.addAll(List.of(flags));
    cmd.add(dir.resolve("ctx").toString());
    return Proc.run(cmd, Map.of(), dir, null);
  }

  /** Owner and mode of each non-whiteout entry of the RUN's layer, and the content of its {@code out}. */
  private record Layer(Map<String, String> owners, String out) {}

  private static Layer topLayer(Path home) throws IOException {
    StoredLayers image = StoredLayers.of(home, "out:1");
    var layers = image.manifest().get("layers");
    Digest top = Digest.parse(layers.get(layers.size() - 1).get("digest").asText());
    Map<String, String> owners = new LinkedHashMap<>();
    String out = "";
    try (InputStream raw = LocalStore.open(home).openBlob(top);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
      for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
        String name = e.getName().replaceAll("/$", "");
        owners.put(name, e.getLongUserId() + ":" + e.getLongGroupId() + " " + Integer.toOctalString(e.getMode() & 07777));
        if (name.equals("out")) {
          out = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return new Layer(owners, out);
  }

  private static Optional<Long> subordinateRangeSize() throws IOException {
    Optional<Long> uids = rangeSize(Path.of("/etc/subuid"));
    Optional<Long> gids = rangeSize(Path.of("/etc/subgid"));
    return uids.isPresent() && gids.isPresent() ? Optional.of(Math.min(uids.get(), gids.get())) : Optional.empty();
  }

  private static Optional<Long> rangeSize(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines.map(l -> l.trim().split(":")).filter(f -> f.length == 3 && f[0].equals(USER))
          .map(f -> Long.parseLong(f[2])).findFirst();
    }
  }

  private static void ok(String... cmd) throws Exception {
    assertThat(run(cmd)).as(String.join(" ", cmd)).isZero();
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
