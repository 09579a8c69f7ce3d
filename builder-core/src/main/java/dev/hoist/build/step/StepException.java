package dev.hoist.build.step;

import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.oci.HoistException;

/** A step the user can fix, reported as {@code Dockerfile:line:col: what is wrong}. */
public final class StepException extends HoistException {
  private static final long serialVersionUID = 1L;

  public StepException(String fileName, Instruction at, String detail) {
    super(fileName + ":" + at.range().startLine() + ":" + at.range().startColumn() + ": " + detail);
  }

  public StepException(String fileName, Instruction at, String detail, Throwable cause) {
    super(fileName + ":" + at.range().startLine() + ":" + at.range().startColumn() + ": " + detail, cause);
  }
}
