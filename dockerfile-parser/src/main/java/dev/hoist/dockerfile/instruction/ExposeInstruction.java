package dev.hoist.dockerfile.instruction;

import java.util.List;

/** {@code EXPOSE 80 443/tcp 5000-5010/udp}: ports as written. */
public record ExposeInstruction(Origin origin, List<String> ports) implements Instruction {

    public ExposeInstruction {
        ports = List.copyOf(ports);
    }

    @Override
    public String keyword() {
        return "EXPOSE";
    }
}
