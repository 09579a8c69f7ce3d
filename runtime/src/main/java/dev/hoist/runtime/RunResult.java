package dev.hoist.runtime;

import java.util.List;

/**
 * How a run ended: the exit code, the last lines of its output (empty when it was inherited),
 * the runtime that ran it, and the container paths that were mounted over (pass them to {@link
 * dev.hoist.runtime.snapshot.Snapshot#diff}).
 */
public record RunResult(int exitCode, List<String> outputTail, String runtime, List<String> mountTargets) {
  public RunResult {
    outputTail = List.copyOf(outputTail);
    mountTargets = List.copyOf(mountTargets);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * Throws {@link RunFailedException} unless the command succeeded; {@code where} names the
   * instruction ({@code Dockerfile:7}).
   */
  public RunResult requireSuccess(String where) {
    if (exitCode != 0) {
      throw new RunFailedException(where, exitCode, outputTail);
    }
    return this;
  }
}
