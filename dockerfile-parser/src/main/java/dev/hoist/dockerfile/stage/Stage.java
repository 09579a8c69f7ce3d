package dev.hoist.dockerfile.stage;

import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.instruction.FromInstruction;
import dev.hoist.dockerfile.instruction.Instruction;

import java.util.List;
import java.util.Optional;

/**
 * One build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index 0-based position in the file
 * @param name the lower-case {@code AS} name, if any
 * @param from the FROM instruction
 * @param instructions the instructions after FROM
 */
public record Stage(int index, Optional<String> name, FromInstruction from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name, or {@code stage-N} (BuildKit's label) when the stage has no name. */
    public String displayName() {
        return name.orElse("stage-" + index);
    }

    /** From the FROM line to the end of the last instruction. */
    public SourceRange range() {
        SourceRange start = from.range();
        SourceRange end = instructions.isEmpty() ? start : instructions.get(instructions.size() - 1).range();
        return new SourceRange(start.startLine(), start.startColumn(), end.endLine(), end.endColumn());
    }
}
