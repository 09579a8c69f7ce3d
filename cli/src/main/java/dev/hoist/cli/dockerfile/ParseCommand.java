package dev.hoist.cli.dockerfile;

import dev.hoist.cli.UsageException;
import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.render.DockerfileModel;
import dev.hoist.dockerfile.stage.BuildArgs;
import dev.hoist.dockerfile.stage.PlatformArgs;
import dev.hoist.dockerfile.stage.Stage;
import dev.hoist.oci.Platform;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hoist dockerfile parse}: the parsed model, as an outline or as JSON for scripts. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Print the parsed Dockerfile: stages, instructions with their flags and line ranges.")
final class ParseCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--file"}, defaultValue = "Dockerfile", description = "The Dockerfile ('-' for stdin).")
  String file;

  @Option(names = "--json", description = "Print the model as JSON, with values expanded as the build would.")
  boolean json;

  @Option(names = "--build-arg", description = "A build arg K=V used for expansion.")
  List<String> buildArgs = List.of();

  @Option(names = "--platform", description = "Target platform for the automatic platform ARGs.")
  String platform;

  @Override
  public void run() {
    Dockerfile dockerfile = DockerfileSource.read(file, System.in).parse();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(DockerfileModel.toJson(dockerfile, buildArgs()));
    } else {
      for (Stage stage : dockerfile.stages()) {
        out.printf("stage %d%s (lines %d-%d)%n", stage.index(), stage.name().map(n -> " " + n).orElse(""),
            stage.range().startLine(), stage.range().endLine());
        out.printf("  %d: %s%n", stage.from().range().startLine(), stage.from().origin().text());
        for (Instruction i : stage.instructions()) {
          out.printf("  %d: %s%n", i.range().startLine(), i.origin().text());
        }
      }
    }
    out.flush();
  }

  private BuildArgs buildArgs() {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : buildArgs) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--build-arg wants KEY=VALUE, got: " + a);
      }
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    PlatformArgs host = PlatformArgs.host();
    String target = platform == null ? host.target() : Platform.parse(platform).toString();
    return new BuildArgs(args, new PlatformArgs(target, host.build()));
  }
}
