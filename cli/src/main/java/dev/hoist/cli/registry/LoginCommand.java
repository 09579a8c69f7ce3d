package dev.hoist.cli.registry;

import dev.hoist.cli.UsageException;
import dev.hoist.registry.Environment;
import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.auth.Credential;
import dev.hoist.registry.auth.CredentialStore;
import dev.hoist.registry.auth.DockerConfigFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hoist login REGISTRY -u USER --password-stdin}: checks the credentials against the
 * registry, then stores them in Docker's config (or its credential helper).
 */
@Command(name = "login", description = "Log in to a registry (stored in Docker's config.json).")
public final class LoginCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "HOST[:PORT]")
  String host;

  @Option(names = {"-u", "--username"}, required = true, description = "User name.")
  String username;

  @Option(names = "--password-stdin", required = true, description = "Read the password from standard input.")
  boolean passwordStdin;

  @Override
  public void run() {
    String password;
    try {
      password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new UsageException("cannot read the password from standard input: " + e.getMessage());
    }
    if (password == null || password.isEmpty()) {
      throw new UsageException("no password on standard input");
    }
    String h = host.startsWith("https://") ? host.substring(8) : host.startsWith("http://") ? host.substring(7) : host;
    h = h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
    RegistryClient client = RegistryClient.create(h, registry.config()
        .withCredentials(CredentialStore.of(Map.of(h, new Credential.Basic(username, password)))));
    client.ping();
    new DockerConfigFile(Environment.system()).login(h, username, password);
    spec.commandLine().getOut().println("Login Succeeded");
  }
}
