package dev.hoist.build.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TtyRendererTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String UP = "\033[1A\033[2K";

  private final StringWriter text = new StringWriter();
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = now::get;

  private static ProgressEvent.StepStarted started(int id, String platform, String text) {
    return new ProgressEvent.StepStarted(T0, id, "stage-0", platform, id, 2, text);
  }

  private synchronized String output() {
    return text.toString();
  }

  @Test
  void redrawsRunningStepsWithTheirElapsedTimeAndTheirPlatform() {
    try (TtyRenderer r = new TtyRenderer(new PrintWriter(text), true, 80, clock, Duration.ofHours(1))) {
      r.on(started(1, "linux/amd64", "RUN sleep 60"));
      now.set(T0.plusMillis(12_340));
      r.redraw();
      r.on(new ProgressEvent.StepFinished(now.get(), 1, false, Duration.ofMillis(12_340)));
      r.on(new ProgressEvent.BuildFinished(now.get(), "sha256:abc", Duration.ofSeconds(13)));
    }
    String bold = "\033[1m=> [linux/amd64 stage-0 1/2] RUN sleep 60  ";
    assertThat(output()).isEqualTo(bold + "0.00s\033[0m\n"
        + UP + bold + "12.34s\033[0m\n"
        + UP + "=> [linux/amd64 stage-0 1/2] RUN sleep 60  12.34s\n"
        + "=> built sha256:abc in 13.00s\n");
  }

  @Test
  void cutsRunningLinesToTheTerminalWidth() {
    try (TtyRenderer r = new TtyRenderer(new PrintWriter(text), false, 40, clock, Duration.ofHours(1))) {
      r.on(started(1, "linux/amd64", "RUN echo a very long command line\nwith a heredoc"));
    }
    String line = output().lines().findFirst().orElseThrow().replace("\033[1m", "").replace("\033[0m", "");
    assertThat(line).isEqualTo("=> [stage-0 1/2] RUN echo a v...  0.00s").hasSize(39);
  }

  @Test
  void theTickerRedrawsWhileAStepRunsAndStopsAfterIt() throws Exception {
    TtyRenderer r = new TtyRenderer(new PrintWriter(text), false, 80, clock, Duration.ofMillis(20));
    try (r) {
      assertThat(r.ticking()).isFalse();
      r.on(started(1, "linux/amd64", "RUN sleep 60"));
      assertThat(r.ticking()).isTrue();
      now.set(T0.plusSeconds(5));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!output().contains("5.00s") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(output()).as("redrawn with no event").contains("RUN sleep 60  5.00s");
      r.on(new ProgressEvent.StepFinished(now.get(), 1, false, Duration.ofSeconds(5)));
      assertThat(r.ticking()).isFalse();
      String after = output();
      Thread.sleep(200);
      assertThat(output()).isEqualTo(after);
      r.on(started(2, "linux/amd64", "RUN sleep 1"));
      assertThat(r.ticking()).isTrue();
    }
    assertThat(r.ticking()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("hoist-progress") && t.isAlive());
  }
}
