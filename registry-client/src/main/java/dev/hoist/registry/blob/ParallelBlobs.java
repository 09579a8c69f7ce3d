package dev.hoist.registry.blob;

import dev.hoist.oci.Descriptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Moves blobs a bounded number at a time ({@code RegistryConfig.parallelTransfers()}) and waits for
 * all of them, so a caller writes what names the blobs (a manifest) only after they all arrived.
 * The first failure is rethrown as it was thrown (its message already names the blob and the
 * registry) as soon as it happens, and the transfers still running are interrupted. With one
 * thread, or one blob, the transfers run in the caller's thread in order: destinations that must
 * be written in order (archives) ask for that.
 */
public final class ParallelBlobs {
  private ParallelBlobs() {}

  /** One blob's transfer. */
  @FunctionalInterface
  public interface Transfer<R> {
    R run(Descriptor blob) throws IOException;
  }

  /** One blob's transfer that has nothing to return. */
  @FunctionalInterface
  public interface Action {
    void run(Descriptor blob) throws IOException;
  }

  /** Runs {@code action} for every blob, at most {@code parallel} at once, as {@link #run} does. */
  public static void forEach(int parallel, List<Descriptor> blobs, Action action) throws IOException {
    run(parallel, blobs, blob -> {
      action.run(blob);
      return null;
    });
  }

  /** Runs {@code transfer} for every blob, at most {@code parallel} at once; the results in the blobs' order. */
  public static <R> List<R> run(int parallel, List<Descriptor> blobs, Transfer<R> transfer) throws IOException {
    List<R> results = new ArrayList<>(Collections.nCopies(blobs.size(), null));
    int threads = Math.min(parallel, blobs.size());
    if (threads <= 1) {
      for (int i = 0; i < blobs.size(); i++) {
        results.set(i, transfer.run(blobs.get(i)));
      }
      return Collections.unmodifiableList(results);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hoist-blob");
      t.setDaemon(true);
      return t;
    });
    CompletionService<Void> done = new ExecutorCompletionService<>(pool);
    try {
      for (int i = 0; i < blobs.size(); i++) {
        int index = i;
        done.submit(() -> {
          results.set(index, transfer.run(blobs.get(index)));
          return null;
        });
      }
      for (int i = 0; i < blobs.size(); i++) {
        done.take().get();
      }
      return Collections.unmodifiableList(results);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while moving blobs");
    } finally {
      pool.shutdownNow();
    }
  }
}
