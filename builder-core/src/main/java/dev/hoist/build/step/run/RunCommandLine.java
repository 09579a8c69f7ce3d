package dev.hoist.build.step.run;

import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.dockerfile.parse.Heredoc;
import dev.hoist.runtime.RunRequest;
import dev.hoist.runtime.mount.RunMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The argv of a RUN: exec form as written; shell form through {@code SHELL} (default {@code
 * /bin/sh -c}) with heredoc bodies as BuildKit hands them to the shell; and a heredoc that starts
 * with {@code #!} run as a program from {@code /dev/pipes/<name>}, a read-only file bound there.
 */
public record RunCommandLine(List<String> argv, Optional<ExecutableHeredoc> program) {
  /** The heredoc run as a program: its content and where it is mounted. */
  public record ExecutableHeredoc(String target, String content) {
    /** Writes the program into {@code workDir} and returns the mount that puts it at {@link #target}. */
    public RunMount mount(Path workDir) throws IOException {
      Path dir = Files.createTempDirectory(workDir, "heredoc-");
      Path file = dir.resolve("program");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-xr-xr-x"));
      return new RunMount.BindMount(file, target, false);
    }
  }

  public RunCommandLine {
    argv = List.copyOf(argv);
  }

  /** The command line of {@code run} under {@code shell} (the image's {@code SHELL}, empty for the default). */
  public static RunCommandLine of(RunInstruction run, List<String> shell) {
    Optional<Heredoc> exec = run.executableHeredoc();
    if (exec.isPresent()) {
      String target = "/dev/pipes/" + exec.get().name();
      return new RunCommandLine(List.of(target), Optional.of(new ExecutableHeredoc(target, exec.get().chompedContent())));
    }
    if (!run.command().shellForm()) {
      return new RunCommandLine(run.command().args(), Optional.empty());
    }
    return new RunCommandLine(RunRequest.shellForm(shell, run.shellScript()), Optional.empty());
  }
}
