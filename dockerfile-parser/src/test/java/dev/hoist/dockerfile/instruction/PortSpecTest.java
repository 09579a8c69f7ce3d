package dev.hoist.dockerfile.instruction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortSpecTest {

    @Test
    void portsRangesAndProtocols() {
        assertThat(PortSpec.parse("80")).isEqualTo(new PortSpec(80, 80, "tcp"));
        assertThat(PortSpec.parse("53/UDP").configKeys()).containsExactly("53/udp");
        assertThat(PortSpec.parse("8000-8002/tcp").configKeys()).containsExactly("8000/tcp", "8001/tcp", "8002/tcp");
    }

    @Test
    void invalid() {
        assertThatThrownBy(() -> PortSpec.parse("http")).hasMessage("invalid port \"http\": expected PORT[-PORT][/PROTOCOL]");
        assertThatThrownBy(() -> PortSpec.parse("70000")).hasMessageContaining("ports go from 1 to 65535");
        assertThatThrownBy(() -> PortSpec.parse("90-80")).hasMessageContaining("invalid port range");
        assertThatThrownBy(() -> PortSpec.parse("80/icmp")).hasMessageContaining("use tcp, udp or sctp");
    }
}
