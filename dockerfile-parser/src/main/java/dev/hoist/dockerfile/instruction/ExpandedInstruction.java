package dev.hoist.dockerfile.instruction;

import java.util.Set;

/**
 * An instruction with variables expanded, and which variables it referenced.
 *
 * @param instruction the expanded instruction (the same object when the instruction does not expand)
 * @param matched referenced names that were set
 * @param unmatched referenced names that were not set
 */
public record ExpandedInstruction(Instruction instruction, Set<String> matched, Set<String> unmatched) {

    public ExpandedInstruction {
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
