package dev.hoist.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hoist version}: prints hoist's version and the Java and OS it runs on. */
@Command(name = "version", description = "Print hoist's version.")
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    for (String line : new HoistVersion().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
  }
}
