package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code LABEL k=v ...}: image labels. */
public record LabelInstruction(Origin origin, List<KeyValue> labels) implements Instruction {

    public LabelInstruction {
        labels = List.copyOf(labels);
    }

    @Override
    public String keyword() {
        return "LABEL";
    }
}
