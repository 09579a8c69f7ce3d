package dev.hoist.dockerfile.instruction;

import java.util.Optional;

/** {@code HEALTHCHECK [options] CMD ...} or {@code HEALTHCHECK NONE} (an empty config). */
public record HealthcheckInstruction(Origin origin, Optional<HealthConfig> config) implements Instruction {

    @Override
    public String keyword() {
        return "HEALTHCHECK";
    }
}
