package dev.hoist.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A minimal image root made from the host's static busybox ({@code busybox-static}): {@code
 * bin/busybox} with a symlink per applet, {@code /etc/passwd} with root and {@code app} (1000),
 * {@code /etc/group} with {@code app} (1000) and {@code extra} (2000, member app).
 */
public final class BusyboxRootfs {
  public static final Path BUSYBOX = Path.of("/bin/busybox");

  private BusyboxRootfs() {}

  public static void assumeAvailable() {
    Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "no /bin/busybox: install busybox-static");
  }

  public static Path create(Path dir) throws IOException, InterruptedException {
    assumeAvailable();
    Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, dir.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
    List<String> applets = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    p.waitFor();
    for (String a : applets) {
      if (!a.isBlank() && !a.equals("busybox")) {
        Files.createSymbolicLink(dir.resolve("bin").resolve(a.trim()), Path.of("busybox"));
      }
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\napp:x:1000:\nextra:x:2000:app\n");
    Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("home/app"));
    if (dev.hoist.runtime.userns.ProcessIds.effectiveUid() == 0) {
      Files.setAttribute(dir.resolve("home/app"), "unix:uid", 1000);
      Files.setAttribute(dir.resolve("home/app"), "unix:gid", 1000);
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("keep.txt"), "keep\n");
    Files.writeString(dir.resolve("data/gone.txt"), "gone\n");
    Files.createDirectories(dir.resolve("data/sub/deep"));
    Files.writeString(dir.resolve("data/sub/deep/file"), "deep\n");
    return dir;
  }
}
