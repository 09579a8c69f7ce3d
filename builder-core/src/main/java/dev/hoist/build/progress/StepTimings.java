package dev.hoist.build.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Collects each step's start, end and cache state, for {@code --metadata-file}. */
public final class StepTimings implements ProgressListener {
  /** One step's timing. */
  public record Timing(int id, String stage, String platform, String text, Instant started, Instant finished,
      boolean cached) {}

  private final Map<Integer, ProgressEvent.StepStarted> started = new ConcurrentHashMap<>();
  private final List<Timing> done = new ArrayList<>();

  @Override
  public synchronized void on(ProgressEvent event) {
    if (event instanceof ProgressEvent.StepStarted s) {
      started.put(s.id(), s);
    } else if (event instanceof ProgressEvent.StepFinished f) {
      ProgressEvent.StepStarted s = started.get(f.id());
      if (s != null) {
        done.add(new Timing(f.id(), s.stage(), s.platform(), s.text(), s.time(), f.time(), f.cached()));
      }
    }
  }

  public synchronized List<Timing> timings() {
    return List.copyOf(done);
  }
}
