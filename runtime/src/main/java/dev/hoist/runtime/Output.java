package dev.hoist.runtime;

import java.util.function.Consumer;

/** Where a run's stdout and stderr go. stdin is /dev/null unless the output is {@link Inherit}. */
public sealed interface Output {
  /** The terminal of hoist itself, stdin included ({@code hoist run}). */
  record Inherit() implements Output {}

  /**
   * stdout and stderr merged, line by line to {@code lines} (a build's progress), the last {@code
   * tailLines} kept for the error message of a failed step.
   */
  record Lines(Consumer<String> lines, int tailLines) implements Output {}

  static Output inherit() {
    return new Inherit();
  }

  static Output lines(Consumer<String> sink) {
    return new Lines(sink, 20);
  }
}
