package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTest {
  @TempDir Path tmp;

  private Path fd(String name, String target) throws Exception {
    return Files.createSymbolicLink(tmp.resolve(name), Path.of(target));
  }

  @Test
  void aPseudoTerminalOrConsoleIsATerminalAndAFileOrPipeIsNot() throws Exception {
    assertThat(Terminal.isTerminal(fd("pts", "/dev/pts/3"), Map.of())).isTrue();
    assertThat(Terminal.isTerminal(fd("tty", "/dev/tty1"), Map.of("TERM", "xterm"))).isTrue();
    assertThat(Terminal.isTerminal(fd("file", "/tmp/build.log"), Map.of())).isFalse();
    assertThat(Terminal.isTerminal(fd("pipe", "pipe:[12345]"), Map.of())).isFalse();
    assertThat(Terminal.isTerminal(tmp.resolve("missing"), Map.of())).isFalse();
  }

  @Test
  void termDumbAsksForPlainText() throws Exception {
    assertThat(Terminal.isTerminal(fd("pts", "/dev/pts/3"), Map.of("TERM", "dumb"))).isFalse();
  }
}
