package dev.hoist.cli.build;

import dev.hoist.runtime.spec.ConsoleSize;
import dev.hoist.runtime.spec.HostTerminal;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the live progress view fits hoist's stderr, and how wide it is. {@code System.console()}
 * answers for stdin and stdout together, so {@code hoist build ... > out.txt} or {@code -o - | tar
 * t} would lose the live view although progress goes to stderr.
 */
final class Terminal {
  private static final int DEFAULT_WIDTH = 80;

  private Terminal() {}

  static boolean stderrIsTerminal() {
    return liveView(System.getenv(), HostTerminal.stderrIsTerminal());
  }

  /** A terminal gets the live view unless {@code TERM=dumb} asks for plain text. */
  static boolean liveView(Map<String, String> env, boolean stderrIsTerminal) {
    return stderrIsTerminal && !"dumb".equals(env.get("TERM"));
  }

  /** Columns of the terminal: {@code $COLUMNS}, else the terminal's own size, else 80. */
  static int width() {
    return Optional.ofNullable(System.getenv("COLUMNS")).flatMap(Terminal::positive)
        .or(() -> HostTerminal.size().map(ConsoleSize::columns)).orElse(DEFAULT_WIDTH);
  }

  private static Optional<Integer> positive(String text) {
    try {
      int n = Integer.parseInt(text.trim());
      return n > 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
