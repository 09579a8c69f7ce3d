package dev.hoist.build.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

class SchedulerTest {
  // 0 and 1 independent, 2 needs both.
  private static final Map<Integer, Set<Integer>> DEPS = Map.of(0, Set.of(), 1, Set.of(), 2, Set.of(0, 1));

  @Test
  void independentStagesRunAtTheSameTime() {
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    Map<Integer, String> out = new Scheduler(2).run(List.of(0, 1, 2), DEPS::get, (stage, deps) -> {
      if (stage < 2) {
        // Only passes if the other independent stage is running too (the timeout only stops a hang).
        bothRunning.await(30, TimeUnit.SECONDS);
        return "s" + stage;
      }
      return deps.get(0) + "+" + deps.get(1);
    });
    assertThat(out).containsEntry(2, "s0+s1");
  }

  @Test
  void dependantSeesItsDependenciesResults() {
    Map<Integer, Integer> out = new Scheduler(1).run(List.of(0, 1, 2), DEPS::get,
        (stage, deps) -> stage + deps.values().stream().mapToInt(Integer::intValue).sum());
    assertThat(out).containsEntry(2, 3);
  }

  @Test
  void firstFailureIsRethrownAsItWas() {
    assertThatThrownBy(() -> new Scheduler(2).run(List.of(0, 1, 2), DEPS::get, (stage, deps) -> {
      if (stage == 1) {
        throw new HoistException("Dockerfile:3:1: boom");
      }
      return stage;
    })).isInstanceOf(HoistException.class).hasMessage("Dockerfile:3:1: boom");
  }
}
