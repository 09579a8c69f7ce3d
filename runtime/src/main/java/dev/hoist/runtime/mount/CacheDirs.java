package dev.hoist.runtime.mount;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Cache mount folders under a root: {@code <root>/<sha256(id)>/data}. Naming by hash means no id,
 * however it is spelled ({@code ../../etc}), can point outside the root. {@code sharing=locked}
 * holds a file lock for the whole run; {@code sharing=private} gets a throw-away folder when
 * another run holds the cache.
 */
final class CacheDirs {
  private final Path root;

  CacheDirs(Path root) {
    this.root = root;
  }

  Path dirOf(String id) {
    return root.resolve(key(id));
  }

  /** Locks the cache {@code id}, waiting if {@code wait}; empty when it is busy and not waiting. */
  Optional<PlannedMounts.Cleanup> lock(String id, boolean wait) throws IOException {
    Files.createDirectories(root);
    FileChannel ch = FileChannel.open(root.resolve(key(id) + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      if (wait) {
        lock = lockWaiting(ch);
      } else {
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
      }
      if (lock == null) {
        ch.close();
        return Optional.empty();
      }
      FileLock held = lock;
      return Optional.of(() -> {
        held.release();
        ch.close();
      });
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static FileLock lockWaiting(FileChannel ch) throws IOException {
    while (true) {
      try {
        return ch.lock();
      } catch (OverlappingFileLockException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for a cache lock", ie);
        }
      }
    }
  }

  static String key(String id) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
