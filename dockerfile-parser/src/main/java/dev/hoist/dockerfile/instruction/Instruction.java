package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.SourceRange;

/**
 * One Dockerfile instruction with its flags checked and its arguments in typed form. Values are as written:
 * see {@link InstructionExpander} for the build-time expansion of variables.
 */
public sealed interface Instruction permits FromInstruction, RunInstruction, CmdInstruction, EntrypointInstruction,
        ShellInstruction, LabelInstruction, MaintainerInstruction, ExposeInstruction, EnvInstruction, AddInstruction,
        CopyInstruction, VolumeInstruction, UserInstruction, WorkdirInstruction, ArgInstruction, OnbuildInstruction,
        StopSignalInstruction, HealthcheckInstruction {

    /** Where the instruction is and its original text. */
    Origin origin();

    /** The keyword in upper case, e.g. {@code COPY}. */
    String keyword();

    /** Shortcut for {@code origin().range()}. */
    default SourceRange range() {
        return origin().range();
    }
}
