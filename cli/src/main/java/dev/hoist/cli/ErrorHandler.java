package dev.hoist.cli;

import dev.hoist.oci.HoistException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns what a command throws into one line on stderr and an exit code: 2 for usage errors, 1 for
 * everything else. Stack traces only with {@code --debug}.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler,
        CommandLine.IExitCodeExceptionMapper {
  static volatile boolean debug;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (debug) {
      e.printStackTrace(err);
    }
    err.println("hoist: " + message(e));
    err.flush();
    return getExitCode(e);
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("hoist: " + e.getMessage());
    err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int getExitCode(Throwable e) {
    return e instanceof UsageException || e instanceof CommandLine.ParameterException
        ? ExitCodes.USAGE
        : ExitCodes.FAILURE;
  }

  static String message(Throwable e) {
    if (e instanceof HoistException || e instanceof UsageException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException u) {
      return message(u.getCause());
    }
    if (e.getClass().getName().startsWith("dev.hoist.") && e.getMessage() != null) {
      return e.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + (debug ? "" : " (run with --debug for details)");
  }
}
