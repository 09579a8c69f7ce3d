package dev.hoist.cli.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/hoist} as a process with its own HOME and returns what it printed. */
final class HoistRun {
  record Result(int exit, String out, String err) {}

  private HoistRun() {}

  static Result run(Path home, String stdin, String... args) throws IOException, InterruptedException {
    return runWith(home, Map.of(), stdin, args);
  }

  /** Like {@link #run(Path, String, String...)} with extra environment variables. */
  static Result runWith(Path home, Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("hoist.repo.dir", "."));
    List<String> cmd = new ArrayList<>();
    cmd.add(repo.resolve("bin/hoist").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("HOIST_HOME", home.resolve("hoist").toString());
    pb.environment().put("DOCKER_CONFIG", home.resolve(".docker").toString());
    pb.environment().remove("REGISTRY_AUTH_FILE");
    pb.environment().remove("XDG_RUNTIME_DIR");
    pb.environment().remove("XDG_CONFIG_HOME");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("hoist " + String.join(" ", args) + " did not finish in 300 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
