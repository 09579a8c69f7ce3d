package dev.hoist.build.schedule;

import dev.hoist.build.cache.CachedImage;
import dev.hoist.build.cache.StepCache;
import dev.hoist.oci.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Records a stage's step cache entries on a thread of their own, in order, while the next steps
 * run: each entry costs a few fsynced writes (config, manifest, index), which a {@code RUN} that
 * takes a few milliseconds should not wait for. {@link #finish} waits for all of them.
 */
final class CacheWrites {
  private final StepCache cache;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hoist-cache-writes");
    t.setDaemon(true);
    return t;
  });
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

  CacheWrites(StepCache cache) {
    this.cache = cache;
  }

  /** Queues the entry for {@code key}. */
  void record(Digest key, CachedImage image) {
    last = last.thenRunAsync(() -> {
      try {
        cache.record(key, image);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, thread);
  }

  /** Waits until every queued entry is written; throws the first failure. */
  void finish() throws IOException {
    try {
      last.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the step cache");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot write the step cache: " + cause, cause);
    } finally {
      thread.shutdown();
    }
  }

  /** Waits for the queued entries after a step failed, so the steps before it stay cached; their own failure is dropped. */
  void finishAfterFailure() {
    try {
      finish();
    } catch (IOException e) {
      // the step's failure is the one to report
    }
  }
}
