package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WORKDIR as BuildKit makes it: the directories it creates belong to the current USER; read back with umoci. */
class WorkdirIT {
  @TempDir Path tmp;
  BuildWorkspace ws;

  @BeforeEach
  void setUp() throws IOException {
    ws = BuildWorkspace.withBusybox(tmp);
  }

  private Path build(String dockerfile) throws Exception {
    return ws.buildRootfs(dockerfile, "wd:1");
  }

  private static String owner(Path p) throws IOException {
    return Files.getAttribute(p, "unix:uid") + ":" + Files.getAttribute(p, "unix:gid");
  }

  @Test
  void createdDirectoriesBelongToTheUserAndExistingOnesAreLeftAlone() throws Exception {
    Path rootfs = build("""
        FROM busybox
        USER 1000:1000
        WORKDIR /app/data
        USER app
        WORKDIR /srv/named
        USER nobody:app
        WORKDIR /srv/named/mixed
        WORKDIR /tmp
        USER ghost
        WORKDIR /opt/unknown
        USER 4242
        WORKDIR /home/app/sub
        """);
    assertThat(owner(rootfs.resolve("app"))).isEqualTo("1000:1000");
    assertThat(owner(rootfs.resolve("app/data"))).isEqualTo("1000:1000");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rootfs.resolve("app/data"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(owner(rootfs.resolve("srv"))).as("a parent the step makes is the user's too").isEqualTo("1000:1000");
    assertThat(owner(rootfs.resolve("srv/named"))).isEqualTo("1000:1000");
    assertThat(owner(rootfs.resolve("srv/named/mixed"))).isEqualTo("65534:1000");
    assertThat(owner(rootfs.resolve("tmp"))).isEqualTo("0:0");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rootfs.resolve("tmp"))))
        .isEqualTo("rwxrwxrwx");
    assertThat(owner(rootfs.resolve("opt/unknown"))).as("a user passwd lacks is root, as in BuildKit").isEqualTo("0:0");
    assertThat(owner(rootfs.resolve("home/app"))).as("an existing parent keeps its owner").isEqualTo("1000:1000");
    assertThat(owner(rootfs.resolve("home/app/sub"))).isEqualTo("4242:4242");
  }

  @Test
  void anotherUserRebuildsTheDirectoryWithItsOwner() throws Exception {
    assertThat(owner(build("FROM busybox\nUSER 1000\nWORKDIR /w\n").resolve("w"))).isEqualTo("1000:1000");
    assertThat(owner(build("FROM busybox\nUSER 2000\nWORKDIR /w\n").resolve("w"))).isEqualTo("2000:2000");
    assertThat(owner(build("FROM busybox\nWORKDIR /w\n").resolve("w"))).isEqualTo("0:0");
  }
}
