package dev.hoist.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one bounded parallel loop every blob transfer goes through. */
class ParallelBlobsTest {
  private static List<Descriptor> blobs(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256("blob " + i), i))
        .toList();
  }

  @Test
  void runsAtMostTheBoundAtOnceAndKeepsTheBlobsOrderInResults() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Descriptor> blobs = blobs(12);
    List<Long> sizes = ParallelBlobs.run(3, blobs, d -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      running.decrementAndGet();
      return d.size();
    });
    assertThat(most.get()).isEqualTo(3);
    assertThat(sizes).containsExactlyElementsOf(blobs.stream().map(Descriptor::size).toList());
  }

  @Test
  void oneAtATimeRunsInTheCallersThreadInOrder() throws Exception {
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();
    List<Digest> seen = new ArrayList<>();
    ParallelBlobs.run(1, blobs(5), d -> {
      threads.add(Thread.currentThread());
      seen.add(d.digest());
      return d;
    });
    assertThat(threads).containsOnly(caller);
    assertThat(seen).containsExactlyElementsOf(blobs(5).stream().map(Descriptor::digest).toList());
  }

  @Test
  void forEachVisitsEveryBlobWithinTheBoundAndRethrowsAFailureAsItIs() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Set<Digest> seen = ConcurrentHashMap.newKeySet();
    List<Descriptor> blobs = blobs(8);
    ParallelBlobs.forEach(2, blobs, d -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      seen.add(d.digest());
      running.decrementAndGet();
    });
    assertThat(most.get()).isEqualTo(2);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(blobs.stream().map(Descriptor::digest).toList());
    assertThatThrownBy(() -> ParallelBlobs.forEach(2, blobs, d -> {
      throw new IOException("disk full writing " + d.digest());
    })).isInstanceOf(IOException.class).hasMessageStartingWith("disk full writing sha256:");
  }

  @Test
  void theFirstFailureIsRethrownAsItIsAndTheOthersAreInterrupted() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(3);
    List<Descriptor> blobs = blobs(4);
    assertThatThrownBy(() -> ParallelBlobs.run(4, blobs, d -> {
      if (d.size() == 2) {
        throw new HoistException("registry r: blob " + d.digest() + " failed");
      }
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return d;
    })).isInstanceOf(HoistException.class).hasMessage("registry r: blob " + blobs.get(2).digest() + " failed");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> ParallelBlobs.run(2, blobs, d -> {
      throw new IOException("disk full writing " + d.digest());
    })).isInstanceOf(IOException.class).hasMessageStartingWith("disk full writing sha256:");
  }
}
