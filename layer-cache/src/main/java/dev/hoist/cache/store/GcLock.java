package dev.hoist.cache.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's garbage-collection lock, {@code .gc.lock}: writers hold it shared (a {@link
 * StoreLease}) from their first blob until their image is tagged; prune holds it exclusive. Between
 * processes it is a file lock; inside one JVM the shared holders are counted, because a JVM may
 * hold only one lock on a file region.
 */
final class GcLock {
  private static final Map<Path, GcLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private int sharedHolders;
  private boolean exclusive;
  private FileChannel sharedChannel;
  private FileLock sharedLock;

  private GcLock(Path file) {
    this.file = file;
  }

  static GcLock of(Path home) {
    return LOCKS.computeIfAbsent(home.toAbsolutePath().normalize(), h -> new GcLock(h.resolve(".gc.lock")));
  }

  synchronized StoreLease shared() throws IOException {
    while (exclusive) {
      await();
    }
    if (sharedHolders == 0) {
      sharedChannel = open();
      sharedLock = sharedChannel.lock(0, Long.MAX_VALUE, true);
    }
    sharedHolders++;
    return new StoreLease(this::releaseShared);
  }

  private synchronized void releaseShared() throws IOException {
    if (--sharedHolders == 0) {
      sharedLock.release();
      sharedChannel.close();
      notifyAll();
    }
  }

  /** The exclusive lock, waiting for every lease in any process to end. */
  synchronized StoreLease exclusive() throws IOException {
    while (exclusive || sharedHolders > 0) {
      await();
    }
    FileChannel ch = open();
    FileLock lock = ch.lock(0, Long.MAX_VALUE, false);
    exclusive = true;
    return new StoreLease(() -> releaseExclusive(ch, lock));
  }

  /** The exclusive lock if no lease is held anywhere right now. */
  synchronized Optional<StoreLease> tryExclusive() throws IOException {
    if (exclusive || sharedHolders > 0) {
      return Optional.empty();
    }
    FileChannel ch = open();
    FileLock lock = ch.tryLock(0, Long.MAX_VALUE, false);
    if (lock == null) {
      ch.close();
      return Optional.empty();
    }
    exclusive = true;
    return Optional.of(new StoreLease(() -> releaseExclusive(ch, lock)));
  }

  private synchronized void releaseExclusive(FileChannel ch, FileLock lock) throws IOException {
    lock.release();
    ch.close();
    exclusive = false;
    notifyAll();
  }

  private FileChannel open() throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  private void await() throws InterruptedIOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the store's gc lock");
    }
  }
}
