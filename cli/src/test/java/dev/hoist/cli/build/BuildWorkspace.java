package dev.hoist.cli.build;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.transfer.testing.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder an end-to-end build test works in: a store {@code home} and a build context {@code
 * ctx} under {@code dir}, optionally holding the busybox fixture as {@code busybox:latest}, with
 * {@code bin/hoist} run from {@code dir} against that store, context files written and images read
 * back as rootfs folders with umoci.
 */
final class BuildWorkspace {
  final Path dir;
  final Path home;
  final Path ctx;

  /** A workspace in {@code dir} (a test's temp folder): {@code dir/home} as the store, an empty {@code dir/ctx}. */
  BuildWorkspace(Path dir) throws IOException {
    this.dir = dir;
    this.home = dir.resolve("home");
    this.ctx = Files.createDirectories(dir.resolve("ctx"));
  }

  /** A workspace whose store holds the busybox image; skips the test where busybox is not installed. */
  static BuildWorkspace withBusybox(Path dir) throws IOException {
    BusyboxImage.assumeAvailable();
    BuildWorkspace ws = new BuildWorkspace(dir);
    ws.importBusybox();
    return ws;
  }

  /** Imports the busybox fixture into the store as {@code busybox:latest}; skips the test without busybox. */
  void importBusybox() throws IOException {
    BusyboxImage.assumeAvailable();
    BusyboxImage.importInto(LocalStore.open(home), "busybox:latest", Files.createDirectories(dir.resolve("work")));
  }

  /** Runs {@code bin/hoist args} on this store, from {@code dir}, with no stdin. */
  Proc hoist(String... args) throws Exception {
    return Proc.hoist(home, dir, null, args);
  }

  /** Writes {@code text} to {@code path} in the context, making its folders. */
  void write(String path, String text) throws IOException {
    Path p = ctx.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** The rootfs of the stored image {@code ref}, unpacked by umoci into a fresh bundle under {@code dir}. */
  Path unpack(String ref) throws Exception {
    return unpack(home, ref);
  }

  /** The rootfs of {@code ref} in the OCI layout {@code layout}, unpacked by umoci into a fresh bundle under {@code dir}. */
  Path unpack(Path layout, String ref) throws Exception {
    Path bundle = dir.resolve("bundle-" + System.nanoTime());
    Proc.tool(dir, "umoci", "unpack", "--image", layout + ":" + ref, bundle.toString()).ok();
    return bundle.resolve("rootfs");
  }

  /**
   * Writes {@code dockerfile} as the context's Dockerfile, builds it quietly with {@code -t tag} into
   * a fresh OCI layout folder and returns that image's rootfs (its layout tag, after the colon).
   */
  Path buildRootfs(String dockerfile, String tag) throws Exception {
    write("Dockerfile", dockerfile);
    Path layout = dir.resolve("layout-" + System.nanoTime());
    hoist("build", "-q", "-o", "type=oci,dest=" + layout + ",tar=false", "-t", tag, ctx.toString()).ok();
    return unpack(layout, tag.substring(tag.indexOf(':') + 1));
  }
}
