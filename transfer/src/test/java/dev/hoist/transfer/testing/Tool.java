package dev.hoist.transfer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Runs a real command-line tool (skopeo, umoci, tar) in tests and returns its output. */
public final class Tool {
  private Tool() {}

  /** Skips the calling test with a reason if {@code name} is not on the PATH. */
  public static void assume(String name) {
    boolean found = List.of("/usr/bin/", "/usr/local/bin/", "/bin/", "/usr/sbin/").stream()
        .anyMatch(d -> Files.isExecutable(Path.of(d + name)));
    Assumptions.assumeTrue(found, name + " is not installed: apt-get install " + name);
  }

  /** Runs {@code command}, asserts exit status 0, and returns stdout+stderr. */
  public static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s failed:%n%s", String.join(" ", command), out).isZero();
    return out;
  }
}
