package dev.hoist.build.progress;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A build's one warning channel: each distinct warning goes to the listener once, as an {@link
 * ProgressEvent.Info}, however many stages, steps or layers run into it (from any thread).
 */
public final class DistinctWarnings implements Consumer<String> {
  private final ProgressListener progress;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  public DistinctWarnings(ProgressListener progress) {
    this.progress = progress;
  }

  @Override
  public void accept(String warning) {
    if (seen.add(warning)) {
      progress.on(new ProgressEvent.Info(Instant.now(), warning));
    }
  }
}
