package dev.hoist.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code hoist} command: builds container images and talks to registries, with no daemon. */
@Command(
    name = "hoist",
    mixinStandardHelpOptions = true,
    // Every subcommand gets -h/--help (and -V/--version) too: `hoist build --help`.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = HoistVersion.class,
    description = "Daemonless container image builder and registry client.")
public final class Hoist implements Runnable {
  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      dev.hoist.cli.build.BuildCommand.class,
      dev.hoist.cli.run.RunCommand.class,
      dev.hoist.cli.dockerfile.DockerfileCommand.class,
      dev.hoist.cli.store.ImagesCommand.class,
      dev.hoist.cli.store.InspectCommand.class,
      dev.hoist.cli.store.HistoryCommand.class,
      dev.hoist.cli.store.RmiCommand.class,
      dev.hoist.cli.store.PruneCommand.class,
      dev.hoist.cli.store.PullCommand.class,
      dev.hoist.cli.store.PushCommand.class,
      dev.hoist.cli.store.SaveCommand.class,
      dev.hoist.cli.store.LoadCommand.class,
      dev.hoist.cli.store.ImportCommand.class,
      dev.hoist.cli.store.ExportCommand.class,
      dev.hoist.cli.registry.CpCommand.class,
      dev.hoist.cli.registry.ManifestCommand.class,
      dev.hoist.cli.registry.ConfigCommand.class,
      dev.hoist.cli.registry.DigestCommand.class,
      dev.hoist.cli.registry.TagsCommand.class,
      dev.hoist.cli.registry.CatalogCommand.class,
      dev.hoist.cli.registry.TagCommand.class,
      dev.hoist.cli.registry.DeleteCommand.class,
      dev.hoist.cli.registry.IndexCommand.class,
      dev.hoist.cli.registry.LoginCommand.class,
      dev.hoist.cli.registry.LogoutCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class);

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  void debug(boolean on) {
    ErrorHandler.debug = on;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs hoist with {@code args} and returns its exit code: 0 ok, 1 failure, 2 usage error. */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** hoist with every subcommand (for help, errors and tests). */
  static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * hoist with only the subcommand {@code args} names, when it names one: picocli builds its model
   * of a subcommand by reflection over every option, and doing it for all of them cost about 0.2 s
   * of CPU per run (a fifth of a warm rebuild).
   */
  static CommandLine commandLine(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return commandLine(SUBCOMMANDS.stream()
            .filter(c -> c != CommandLine.HelpCommand.class && conventionalName(c).equals(a))
            .findFirst().<List<Class<?>>>map(List::of).orElse(SUBCOMMANDS));
      }
    }
    return commandLine();
  }

  /**
   * A subcommand's name by the classes' naming convention ({@code CpCommand} is {@code cp}), which
   * a test holds to the {@code @Command} names: reading those annotations of every class cost
   * ~20 ms of each run (annotation parsing and a proxy class per annotation).
   */
  static String conventionalName(Class<?> command) {
    String simple = command.getSimpleName();
    return simple.substring(0, simple.length() - "Command".length()).toLowerCase(java.util.Locale.ROOT);
  }

  private static CommandLine commandLine(List<Class<?>> subcommands) {
    CommandLine cl = new CommandLine(new Hoist());
    for (Class<?> c : subcommands) {
      cl.addSubcommand(c);
      // Adding a subcommand in code gives it this command's parser settings, over those its model
      // transformer chose (as `hoist run IMAGE sh -c ...` needs): apply the transformer again.
      CommandLine.Model.CommandSpec sub = cl.getSubcommands().get(c.getAnnotation(Command.class).name()).getCommandSpec();
      if (sub.modelTransformer() != null) {
        sub.modelTransformer().transform(sub);
      }
    }
    ErrorHandler handler = new ErrorHandler();
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    cl.setExitCodeExceptionMapper(handler);
    return cl;
  }
}
