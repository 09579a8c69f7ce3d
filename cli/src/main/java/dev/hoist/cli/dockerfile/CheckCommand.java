package dev.hoist.cli.dockerfile;

import dev.hoist.cli.ExitCodes;
import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.DockerfileWarning;
import dev.hoist.dockerfile.lint.Linter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hoist dockerfile check}: errors and BuildKit lint warnings with positions. Exit 1 on an
 * error, or on warnings when the Dockerfile says {@code # check=error=true}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Print errors and lint warnings of a Dockerfile; exit 1 on errors.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--file"}, defaultValue = "Dockerfile", description = "The Dockerfile ('-' for stdin).")
  String file;

  @Override
  public Integer call() {
    DockerfileSource source = DockerfileSource.read(file, System.in);
    PrintWriter out = spec.commandLine().getOut();
    Dockerfile dockerfile;
    try {
      dockerfile = source.parse();
    } catch (DockerfileException e) {
      out.println("error: " + e.getMessage());
      out.flush();
      return ExitCodes.FAILURE;
    }
    List<DockerfileWarning> warnings = Linter.lint(dockerfile);
    for (DockerfileWarning w : warnings) {
      out.println("warning: " + w.format(source.name()));
    }
    out.println(warnings.isEmpty() ? source.name() + ": no problems found"
        : source.name() + ": " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s"));
    out.flush();
    return !warnings.isEmpty() && Linter.warningsAreErrors(dockerfile) ? ExitCodes.FAILURE : ExitCodes.OK;
  }
}
