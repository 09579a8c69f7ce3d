package dev.hoist.transfer.testing;

import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Platform;
import dev.hoist.transfer.RootfsImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A busybox base image for tests, made from the Debian {@code busybox-static} binary: a rootfs with
 * {@code /bin/busybox} and applet symlinks, {@code /etc/passwd} and {@code /etc/group} (root,
 * {@code app} 1000 and {@code nobody}), and {@code /tmp} mode 1777, imported into a store with
 * {@code CMD ["sh"]}. Tests that need it skip with a reason where busybox is not installed.
 */
public final class BusyboxImage {
  /** Where Debian's busybox-static installs the binary. */
  public static final Path BUSYBOX = Path.of("/bin/busybox");
  /** The applets linked in {@code /bin}. */
  public static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "uname", "mkdir", "rm", "sleep",
      "true", "false", "id", "env", "touch", "cp", "mv", "ln", "chmod", "chown", "grep", "sed", "head", "tail",
      "wc", "pwd", "test", "printf", "whoami", "stat", "find", "tar", "gzip", "date", "hostname", "ps");

  private BusyboxImage() {}

  /** Skips the calling test (with a printed reason) if busybox is not installed. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(Files.isExecutable(BUSYBOX),
        "busybox-static is not installed (/bin/busybox missing): apt-get install busybox-static");
  }

  /** Writes the rootfs into the empty or missing directory {@code dir}. */
  public static Path writeRootfs(Path dir) throws IOException {
    assumeAvailable();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.setAttribute(bin.resolve("busybox"), "unix:mode", 0755);
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
        + "app:x:1000:1000:app:/home/app:/bin/sh\n"
        + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\napp:x:1000:\nnogroup:x:65534:\n");
    Files.createDirectories(dir.resolve("root"));
    Files.setAttribute(dir.resolve("root"), "unix:mode", 0700);
    Path home = Files.createDirectories(dir.resolve("home/app"));
    if ("root".equals(System.getProperty("user.name"))) {
      Files.setAttribute(home, "unix:uid", 1000);
      Files.setAttribute(home, "unix:gid", 1000);
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Files.setAttribute(tmp, "unix:mode", 01777);
    return dir;
  }

  /**
   * Builds the rootfs in a temp folder under {@code work} and imports it into {@code store} as
   * {@code name} for the host platform (mtimes clamped to {@code SOURCE_DATE_EPOCH} when set).
   */
  public static Descriptor importInto(LocalStore store, String name, Path work) throws IOException {
    Path rootfs = writeRootfs(Files.createTempDirectory(work, "busybox-rootfs"));
    return new RootfsImporter(store, LayerWriter.defaults())
        .importRootfs(rootfs, name, Platform.host(), List.of("CMD [\"sh\"]"));
  }

  /** Imports the image (as {@link #importInto}) and pushes it to {@code remoteRef}; returns the manifest descriptor. */
  public static Descriptor pushTo(LocalStore store, Path work, dev.hoist.registry.RegistryClients registries,
      String remoteRef) throws IOException {
    importInto(store, "busybox:fixture", work);
    return new dev.hoist.transfer.Transfers(store, registries).push("busybox:fixture", Optional.of(remoteRef))
        .descriptor();
  }

  /** The platform the fixture image is for. */
  public static Platform platform() {
    return Platform.host();
  }

  /** The same, with a fixed creation time and mtimes, for tests that compare digests. */
  public static Descriptor importReproducibly(LocalStore store, String name, Path work, long epochSeconds)
      throws IOException {
    Path rootfs = writeRootfs(Files.createTempDirectory(work, "busybox-rootfs"));
    return new RootfsImporter(store, LayerWriter.defaults()
        .withClampMtime(Optional.of(java.time.Instant.ofEpochSecond(epochSeconds))))
        .importRootfs(rootfs, name, Platform.host(), List.of("CMD [\"sh\"]"));
  }
}
