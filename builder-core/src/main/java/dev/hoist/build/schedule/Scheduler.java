package dev.hoist.build.schedule;

import java.util.Set;
import java.util.function.IntFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the stages a target needs, each as soon as the stages it needs are done, at most {@code
 * parallelism} at a time. Stages the target does not need never run. The first failure stops the
 * build and is rethrown as it was thrown.
 */
public final class Scheduler {
  private final int parallelism;

  public Scheduler(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
  }

  /** A scheduler bounded by the number of cores. */
  public static Scheduler byCores() {
    return new Scheduler(Runtime.getRuntime().availableProcessors());
  }

  /** Builds one stage, given the results of the stages it depends on. */
  @FunctionalInterface
  public interface StageTask<R> {
    R run(int stage, Map<Integer, R> dependencies) throws Exception;
  }

  /**
   * Runs {@code order} (stage indexes, each after the stages it needs) and returns every stage's
   * result, by index; {@code dependencies} names the stages a stage needs.
   */
  public <R> Map<Integer, R> run(List<Integer> order, IntFunction<Set<Integer>> dependencies, StageTask<R> task) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, order.size()), r -> {
      Thread t = new Thread(r, "hoist-stage-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      Map<Integer, CompletableFuture<R>> futures = new HashMap<>();
      for (int stage : order) {
        List<Integer> deps = List.copyOf(dependencies.apply(stage));
        CompletableFuture<?>[] before = deps.stream().map(futures::get).toArray(CompletableFuture[]::new);
        CompletableFuture<R> f = CompletableFuture.allOf(before).thenApplyAsync(ignored -> {
          Map<Integer, R> results = new HashMap<>();
          for (int d : deps) {
            results.put(d, futures.get(d).join());
          }
          try {
            return task.run(stage, results);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        }, pool);
        futures.put(stage, f);
      }
      CompletableFuture<?> all = CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new));
      futures.values().forEach(f -> f.whenComplete((r, e) -> {
        if (e != null) {
          all.completeExceptionally(e);
        }
      }));
      all.get();
      Map<Integer, R> out = new HashMap<>();
      futures.forEach((k, v) -> out.put(k, v.join()));
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("build interrupted", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(cause.getMessage(), cause);
  }
}
