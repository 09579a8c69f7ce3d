package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void aTerminalGetsTheLiveViewUnlessTermIsDumb() {
    assertThat(Terminal.liveView(Map.of("TERM", "xterm"), true)).isTrue();
    assertThat(Terminal.liveView(Map.of(), true)).isTrue();
    assertThat(Terminal.liveView(Map.of("TERM", "dumb"), true)).isFalse();
    assertThat(Terminal.liveView(Map.of("TERM", "xterm"), false)).isFalse();
  }

  @Test
  void testsRunWithoutATerminalOnStderr() {
    assertThat(Terminal.stderrIsTerminal()).isFalse();
  }
}
