package dev.hoist.cli.registry;

import dev.hoist.registry.Environment;
import dev.hoist.registry.auth.DockerConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist logout REGISTRY}: removes stored credentials for a registry. */
@Command(name = "logout", description = "Remove a registry's stored credentials.")
public final class LogoutCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "HOST[:PORT]")
  String host;

  @Override
  public void run() {
    boolean removed = new DockerConfigFile(Environment.system()).logout(host);
    spec.commandLine().getOut().println(removed ? "Removed login credentials for " + host : "Not logged in to " + host);
  }
}
