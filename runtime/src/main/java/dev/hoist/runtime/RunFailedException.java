package dev.hoist.runtime;

import dev.hoist.oci.HoistException;
import java.util.List;

/**
 * A command that exited non-zero: the first line names the instruction and the exit code, the
 * following lines are the last lines of its output.
 */
public final class RunFailedException extends HoistException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public RunFailedException(String where, int exitCode, List<String> tail) {
    super(message(where, exitCode, tail));
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  private static String message(String where, int exitCode, List<String> tail) {
    StringBuilder b = new StringBuilder(where).append(": RUN failed with exit code ").append(exitCode);
    if (!tail.isEmpty()) {
      b.append("; last output:");
      for (String line : tail) {
        b.append("\n  ").append(line);
      }
    }
    return b.toString();
  }
}
