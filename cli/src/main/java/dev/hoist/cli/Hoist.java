package dev.hoist.cli;

import dev.hoist.oci.Digest;
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

  static {
    // picocli's default factory looks up Groovy's Closure class once (for closures in annotations):
    // a search of the whole jar that fails, ~4 ms of every run. Its documented switch turns that off
    // (a user's own -D setting wins). (picocli.converters.excludes, to skip the java.time and
    // java.sql converters hoist has no use for, did not pay: it matches every converter's class
    // name against the regular expressions, which cost about what it saved.)
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

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

  /**
   * The commands whose runs {@link #prepare} pays for: they all hash early (the hot ones, which
   * bin/hoist keeps a class-data archive for). Elsewhere, and for help and version requests, that
   * thread would only take CPU from this one, on two cores shared with the JIT compiler.
   */
  private static final List<Class<?>> PREPARED = List.of(
      dev.hoist.cli.build.BuildCommand.class,
      dev.hoist.cli.run.RunCommand.class,
      dev.hoist.cli.store.PullCommand.class,
      dev.hoist.cli.store.PushCommand.class,
      dev.hoist.cli.registry.CpCommand.class);

  public static void main(String[] args) {
    Class<?> command = subcommand(args);
    if (command != null && PREPARED.contains(command) && !asksHelpOrVersion(args)) {
      prepare();
    }
    System.exit(commandLineFor(command).execute(args));
  }

  private static boolean asksHelpOrVersion(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets up SHA-256 on another thread while this one builds picocli's model: the JDK's security
   * providers, ~10 ms of interpreted class initialization that a build otherwise paid on this
   * thread (it digests before its stages start). Only a head start, so it swallows every error:
   * what fails here fails again where it is used, and is reported there.
   */
  private static void prepare() {
    Thread thread = new Thread("hoist-prepare") {
      @Override
      public void run() {
        try {
          Digest.newSha256();
        } catch (Throwable ignored) {
          // reported where SHA-256 is used
        }
      }
    };
    thread.setDaemon(true);
    thread.start();
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
    return commandLineFor(subcommand(args));
  }

  private static CommandLine commandLineFor(Class<?> command) {
    return command == null ? commandLine() : commandLine(List.of(command));
  }

  /**
   * The subcommand the first argument that is not an option names, if it names one (not
   * {@code help}). Plain loops: the first stream and lambdas of a run cost a few ms to link.
   */
  private static Class<?> subcommand(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        for (Class<?> c : SUBCOMMANDS) {
          if (c != CommandLine.HelpCommand.class && conventionalName(c).equals(a)) {
            return c;
          }
        }
        return null;
      }
    }
    return null;
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
