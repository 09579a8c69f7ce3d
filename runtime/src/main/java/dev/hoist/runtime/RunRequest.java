package dev.hoist.runtime;

import dev.hoist.oci.Platform;
import dev.hoist.runtime.mount.RunMount;
import java.util.ArrayList;
import java.util.List;

/**
 * One command to run in a snapshot: argv (the builder applies {@code SHELL} for shell form and
 * heredocs), the image's environment ({@code KEY=value}), working directory, {@code USER} as
 * written (resolved through the image's passwd/group), hostname, network, RUN mounts, output
 * handling, the platform of the image, and whether {@code --security=insecure} was asked for.
 */
public record RunRequest(
    List<String> args,
    List<String> env,
    String workdir,
    String user,
    String hostname,
    NetworkMode network,
    List<RunMount> mounts,
    Output output,
    Platform platform,
    boolean insecure) {

  public RunRequest {
    args = List.copyOf(args);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    workdir = workdir.isEmpty() ? "/" : workdir;
    hostname = hostname.isEmpty() ? "hoist" : hostname;
  }

  /** A request with defaults: root, {@code /}, host network, no mounts, output to {@code output}. */
  public static RunRequest of(List<String> args, Output output) {
    return new RunRequest(args, List.of(), "/", "", "hoist", NetworkMode.HOST, List.of(), output, Platform.host(), false);
  }

  /** argv for shell form: {@code shell} (e.g. {@code [/bin/sh, -c]}) followed by the command line. */
  public static List<String> shellForm(List<String> shell, String commandLine) {
    List<String> a = new ArrayList<>(shell.isEmpty() ? List.of("/bin/sh", "-c") : shell);
    a.add(commandLine);
    return a;
  }

  public RunRequest withEnv(List<String> newEnv) {
    return new RunRequest(args, newEnv, workdir, user, hostname, network, mounts, output, platform, insecure);
  }

  public RunRequest withUser(String newUser) {
    return new RunRequest(args, env, workdir, newUser, hostname, network, mounts, output, platform, insecure);
  }

  public RunRequest withWorkdir(String dir) {
    return new RunRequest(args, env, dir, user, hostname, network, mounts, output, platform, insecure);
  }

  public RunRequest withNetwork(NetworkMode mode) {
    return new RunRequest(args, env, workdir, user, hostname, mode, mounts, output, platform, insecure);
  }

  public RunRequest withMounts(List<RunMount> newMounts) {
    return new RunRequest(args, env, workdir, user, hostname, network, newMounts, output, platform, insecure);
  }

  public RunRequest withPlatform(Platform p) {
    return new RunRequest(args, env, workdir, user, hostname, network, mounts, output, p, insecure);
  }
}
