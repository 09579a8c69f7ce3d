package dev.hoist.cli.build;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether stderr is a terminal, and how wide it is. {@code System.console()} answers for stdin and
 * stdout together, so {@code hoist build ... > out.txt} or {@code -o - | tar t} would lose the live
 * view although progress goes to stderr; Linux tells through the link {@code /proc/self/fd/2}.
 */
final class Terminal {
  private static final int DEFAULT_WIDTH = 80;

  private Terminal() {}

  /** Whether the file behind {@code fdLink} is a terminal, unless {@code TERM=dumb} asks for plain text. */
  static boolean isTerminal(Path fdLink, Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(fdLink).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static boolean stderrIsTerminal() {
    return isTerminal(Path.of("/proc/self/fd/2"), System.getenv());
  }

  /** Columns of the terminal: {@code $COLUMNS}, else what {@code stty size} says of {@code /dev/tty}, else 80. */
  static int width() {
    return Optional.ofNullable(System.getenv("COLUMNS")).flatMap(Terminal::positive)
        .or(Terminal::sttyColumns).orElse(DEFAULT_WIDTH);
  }

  private static Optional<Integer> sttyColumns() {
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      String[] rowsColumns = answer.split("\\s+");
      return rowsColumns.length == 2 ? positive(rowsColumns[1]) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
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
