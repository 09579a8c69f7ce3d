package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code VOLUME /a /b}: anonymous volumes. */
public record VolumeInstruction(Origin origin, List<String> paths) implements Instruction {

    public VolumeInstruction {
        paths = List.copyOf(paths);
    }

    @Override
    public String keyword() {
        return "VOLUME";
    }
}
