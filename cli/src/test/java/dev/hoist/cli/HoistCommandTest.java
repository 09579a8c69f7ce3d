package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoistCommandTest {
  @TempDir Path dir;

  @Test
  void versionAndHelp() {
    assertThat(CliRun.of("version").out()).startsWith("hoist ");
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("dockerfile");
    for (String[] command : new String[][] {{"build"}, {"run"}, {"cp"}, {"images"}, {"index", "create"}}) {
      CliRun sub = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
          .toArray(String[]::new));
      assertThat(sub.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(sub.out()).startsWith("Usage: hoist " + String.join(" ", command));
    }
  }

  @Test
  void everySubcommandIsNamedByItsClassName() {
    for (CommandLine sub : Hoist.commandLine().getSubcommands().values()) {
      Class<?> c = sub.getCommandSpec().userObject().getClass();
      if (c != CommandLine.HelpCommand.class) {
        assertThat(Hoist.conventionalName(c)).isEqualTo(sub.getCommandName());
      }
    }
  }

  @Test
  void onlyTheSubcommandRunIsModelled() {
    assertThat(Hoist.commandLine(new String[] {"--debug", "build", "--help"}).getSubcommands().keySet())
        .containsExactly("build");
    assertThat(Hoist.commandLine(new String[] {"build"}).getSubcommands().get("build").getCommandSpec()
        .findOption("--debug")).isNotNull();
    assertThat(Hoist.commandLine(new String[] {"help", "build"}).getSubcommands()).containsKeys("build", "push", "help");
    assertThat(Hoist.commandLine(new String[] {"--help"}).getSubcommands()).hasSizeGreaterThan(20);
    assertThat(Hoist.commandLine(new String[] {"no-such-command"}).getSubcommands()).hasSizeGreaterThan(20);
    assertThat(Hoist.commandLine(new String[] {"run"}).getSubcommands().get("run").getCommandSpec().parser()
        .stopAtPositional()).as("run's own parser settings survive").isTrue();
    assertThat(Hoist.commandLine().getSubcommands().get("run").getCommandSpec().parser().stopAtPositional()).isTrue();
  }

  @Test
  void usageErrorsExitTwo() {
    CliRun run = CliRun.of("no-such-command");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-command").contains("--help");
    assertThat(CliRun.of("dockerfile", "parse", "--no-such-flag").exitCode()).isEqualTo(2);
  }

  @Test
  void dockerfileCheckNamesFileLineAndColumn() throws Exception {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, "FROM busybox\nCOPPY a b\n");
    CliRun check = CliRun.of("dockerfile", "check", "-f", file.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains(file + ":2:1: unknown instruction: COPPY (did you mean COPY?)");

    CliRun parse = CliRun.of("dockerfile", "parse", "-f", file.toString());
    assertThat(parse.exitCode()).isEqualTo(1);
    assertThat(parse.err().trim()).isEqualTo("hoist: " + file + ":2:1: unknown instruction: COPPY (did you mean COPY?)");
  }

  @Test
  void dockerfileCheckWarnsWithPositions() throws Exception {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, "FROM busybox as Build\nCMD echo hi\n");
    CliRun check = CliRun.of("dockerfile", "check", "-f", file.toString());
    assertThat(check.exitCode()).isZero();
    assertThat(check.out()).contains(":1:").contains("FromAsCasing").contains(":2:1:").contains("JSONArgsRecommended");
  }

  @Test
  void dockerfileParseJsonExpandsBuildArgs() throws Exception {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, "ARG TAG=1\nFROM busybox:${TAG}\nENV V=${TAG}\n");
    CliRun parse = CliRun.of("dockerfile", "parse", "--json", "--build-arg", "TAG=2", "-f", file.toString());
    assertThat(parse.exitCode()).isZero();
    assertThat(parse.out()).contains("\"busybox:2\"");
  }

  @Test
  void missingDockerfileIsOneClearLine() {
    CliRun run = CliRun.of("dockerfile", "parse", "-f", dir.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no Dockerfile at").doesNotContain("Exception");
  }
}
