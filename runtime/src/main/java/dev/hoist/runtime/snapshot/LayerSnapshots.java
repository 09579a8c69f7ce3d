package dev.hoist.runtime.snapshot;

import dev.hoist.cache.extract.ExtractResult;
import dev.hoist.runtime.userns.UserNamespace;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Layer folders shared by every build of a store: each layer of a chain is unpacked once into
 * {@code <root>/layers/<chain-id>} (converted to overlay form; when rootless, with the owners the
 * user namespace shows as the layer's, see {@link LayerOwnership}) and stacked as a lower folder by
 * every run over it. A {@link Lease} marks the layers a build uses ({@code leases/<chain-id>/<pid>-<n>}),
 * and {@link #prune} removes the layers nobody holds; leases of dead processes do not count. What
 * an unpack could not restore (devices, xattrs this user may not create) goes to the warning sink.
 */
public final class LayerSnapshots {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ConcurrentHashMap<String, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  private final TreeCommands commands;
  private final Consumer<String> warnings;
  private final LayerOwnership ownership;

  /**
   * Layer folders under {@code root} for runs in {@code userns}; {@code warnings} hears, once each,
   * what an unpack could not restore (devices, xattrs this user may not create) and when files of a
   * layer cannot get their owners in the namespace (see {@link LayerOwnership}).
   */
  public LayerSnapshots(Path root, UserNamespace userns, Consumer<String> warnings) {
    this.root = root;
    this.commands = new TreeCommands(userns);
    this.warnings = warnings;
    this.ownership = new LayerOwnership(userns, warnings);
  }

  /** Holds the given layers (unpacking the missing ones) until closed. */
  public Lease acquire(List<ChainLayer> layers) throws IOException {
    List<Path> leases = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    String name = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(randomBytes());
    try {
      for (ChainLayer layer : layers) {
        String key = layer.chainId().hex();
        withLock(key, () -> {
          Path lease = Files.createDirectories(root.resolve("leases").resolve(key)).resolve(name);
          Files.write(lease, new byte[0]);
          leases.add(lease);
          Path dir = root.resolve("layers").resolve(key);
          if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            unpack(layer, dir);
          }
          dirs.add(dir);
          return null;
        });
      }
      return new Lease(new LowerStack(dirs), leases);
    } catch (IOException | RuntimeException e) {
      for (Path l : leases) {
        Files.deleteIfExists(l);
      }
      throw e;
    }
  }

  private void unpack(ChainLayer layer, Path dir) throws IOException {
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    Path work = Files.createTempDirectory(tmp, layer.chainId().hex().substring(0, 12) + "-");
    try {
      ExtractResult unpacked = layer.unpacker().unpackInto(work);
      unpacked.warnings().forEach(w -> warnings.accept("warning: " + w));
      OverlayLayerFormat.convert(work);
      Files.createDirectories(dir.getParent());
      ownership.moveIntoPlace(work, dir, unpacked.owners(), layer.chainId());
    } catch (IOException | RuntimeException e) {
      commands.delete(work);
      throw e;
    }
  }

  /** Removes every layer folder no live process holds a lease on; returns how many. */
  public int prune() throws IOException {
    Path layersDir = root.resolve("layers");
    if (!Files.isDirectory(layersDir)) {
      return 0;
    }
    List<String> keys = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(layersDir)) {
      s.forEach(p -> keys.add(p.getFileName().toString()));
    }
    int removed = 0;
    for (String key : keys) {
      boolean gone = withLock(key, () -> {
        if (liveLeases(key) > 0) {
          return false;
        }
        commands.delete(layersDir.resolve(key));
        return true;
      });
      removed += gone ? 1 : 0;
    }
    return removed;
  }

  private int liveLeases(String key) throws IOException {
    Path dir = root.resolve("leases").resolve(key);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int live = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path lease : s) {
        String n = lease.getFileName().toString();
        long pid = Long.parseLong(n.substring(0, n.indexOf('-')));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          live++;
        } else {
          Files.deleteIfExists(lease);
        }
      }
    }
    return live;
  }

  private interface Locked<T> {
    T run() throws IOException;
  }

  private <T> T withLock(String key, Locked<T> body) throws IOException {
    Path locks = Files.createDirectories(root.resolve("locks"));
    synchronized (JVM_LOCKS.computeIfAbsent(root + "/" + key, k -> new Object())) {
      try (FileChannel ch = FileChannel.open(locks.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = ch.lock()) {
        return body.run();
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Layers held for one build or run; {@link #lowers()} stacks them. */
  public static final class Lease implements AutoCloseable {
    private final LowerStack lowers;
    private final List<Path> files;

    Lease(LowerStack lowers, List<Path> files) {
      this.lowers = lowers;
      this.files = List.copyOf(files);
    }

    public LowerStack lowers() {
      return lowers;
    }

    @Override
    public void close() throws IOException {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }
}
