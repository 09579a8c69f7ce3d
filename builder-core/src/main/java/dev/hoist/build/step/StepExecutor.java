package dev.hoist.build.step;

import dev.hoist.dockerfile.instruction.Instruction;

/**
 * Runs one kind of instruction. {@link #prepare} works out the step's cache key (reading what
 * the step reads, through the hash cache) and returns the action that makes its result. One
 * executor per kind: metadata, WORKDIR, COPY/ADD, RUN.
 */
public interface StepExecutor<I extends Instruction> {
  PreparedStep prepare(I expanded, StepInput in) throws Exception;
}
