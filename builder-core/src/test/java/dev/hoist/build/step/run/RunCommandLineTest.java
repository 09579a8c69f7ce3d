package dev.hoist.build.step.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.instruction.RunInstruction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCommandLineTest {
  private static RunInstruction run(String line) {
    return (RunInstruction) DockerfileParser.parse("Dockerfile", "FROM scratch\n" + line + "\n").stages().get(0)
        .instructions().get(0);
  }

  @Test
  void shellFormGoesThroughTheDefaultShellOrTheImagesShell() {
    assertThat(RunCommandLine.of(run("RUN echo $A && ls"), List.of()).argv())
        .containsExactly("/bin/sh", "-c", "echo $A && ls");
    assertThat(RunCommandLine.of(run("RUN echo hi"), List.of("/bin/bash", "-eo", "pipefail", "-c")).argv())
        .containsExactly("/bin/bash", "-eo", "pipefail", "-c", "echo hi");
  }

  @Test
  void execFormIsTakenAsWritten() {
    RunCommandLine c = RunCommandLine.of(run("RUN [\"/bin/echo\", \"a b\"]"), List.of("/bin/bash", "-c"));
    assertThat(c.argv()).containsExactly("/bin/echo", "a b");
    assertThat(c.program()).isEmpty();
  }

  @Test
  void heredocBodyIsTheShellScriptAndAShebangHeredocRunsAsAProgram() {
    assertThat(RunCommandLine.of(run("RUN <<EOF\necho one\necho two\nEOF"), List.of()).argv())
        .containsExactly("/bin/sh", "-c", "echo one\necho two\n");
    RunCommandLine program = RunCommandLine.of(run("RUN <<EOF\n#!/bin/busybox sh\necho hi\nEOF"), List.of());
    assertThat(program.argv()).containsExactly("/dev/pipes/EOF");
    assertThat(program.program()).get().satisfies(p -> {
      assertThat(p.target()).isEqualTo("/dev/pipes/EOF");
      assertThat(p.content()).startsWith("#!/bin/busybox sh\necho hi");
    });
  }
}
