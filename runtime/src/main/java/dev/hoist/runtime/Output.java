package dev.hoist.runtime;

import java.util.function.Consumer;

/** Where a run's stdout and stderr go. stdin is /dev/null unless the output is {@link Inherit}. */
public sealed interface Output {
  /**
   * hoist's own stdin, stdout and stderr ({@code hoist run}); with {@code terminal}, the process gets
   * a pseudo-terminal of its own that the runtime connects to them ({@code -t}).
   */
  record Inherit(boolean terminal) implements Output {}

  /**
   * stdout and stderr merged, line by line to {@code lines} (a build's progress), the last {@code
   * tailLines} kept for the error message of a failed step.
   */
  record Lines(Consumer<String> lines, int tailLines) implements Output {}

  static Output inherit() {
    return new Inherit(false);
  }

  static Output terminal() {
    return new Inherit(true);
  }

  static Output lines(Consumer<String> sink) {
    return new Lines(sink, 20);
  }
}
