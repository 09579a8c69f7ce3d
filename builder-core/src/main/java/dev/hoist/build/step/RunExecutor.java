package dev.hoist.build.step;

import dev.hoist.dockerfile.instruction.RunInstruction;

/**
 * RUN. Until the runtime module lands this refuses with a clear message; it will snapshot the
 * image, run the command with crun/runc and commit the diff as a layer.
 */
public final class RunExecutor implements StepExecutor<RunInstruction> {
  @Override
  public PreparedStep prepare(RunInstruction expanded, StepInput in) {
    throw new StepException(in.stage().fileName(), expanded, "RUN is not supported yet (hoist builds COPY/ADD and metadata steps; RUN needs the runtime module)");
  }
}
