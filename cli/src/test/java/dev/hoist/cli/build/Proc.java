package dev.hoist.cli.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/hoist} or a tool as a process and captures its exit code and output. */
record Proc(int exit, String out, String err) {
  static Path repo() {
    return Path.of(System.getProperty("hoist.repo.dir", "."));
  }

  static Proc hoist(Path home, Path cwd, String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(repo().resolve("bin/hoist").toString()));
    cmd.addAll(List.of(args));
    return run(cmd, Map.of("HOIST_HOME", home.toString()), cwd, stdin);
  }

  /** Runs {@code bin/hoist} with stdout going to the file {@code stdout} (binary output); {@link #out()} is empty. */
  static Proc hoistToFile(Path home, Path cwd, Path stdout, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(repo().resolve("bin/hoist").toString()));
    cmd.addAll(List.of(args));
    return run(cmd, Map.of("HOIST_HOME", home.toString()), cwd, null, stdout);
  }

  static Proc tool(Path cwd, String... args) throws IOException, InterruptedException {
    return run(List.of(args), Map.of(), cwd, null);
  }

  static Proc run(List<String> cmd, Map<String, String> env, Path cwd, String stdin) throws IOException, InterruptedException {
    Path out = Files.createTempFile("proc", ".out");
    try {
      Proc r = run(cmd, env, cwd, stdin, out);
      return new Proc(r.exit(), Files.readString(out), r.err());
    } finally {
      Files.delete(out);
    }
  }

  private static Proc run(List<String> cmd, Map<String, String> env, Path cwd, String stdin, Path out)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().remove("SOURCE_DATE_EPOCH");
    pb.environment().putAll(env);
    Path err = Files.createTempFile("proc", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    Proc r = new Proc(p.exitValue(), "", Files.readString(err));
    Files.delete(err);
    return r;
  }

  Proc ok() {
    if (exit != 0) {
      throw new AssertionError("exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
    }
    return this;
  }
}
