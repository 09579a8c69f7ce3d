package dev.hoist.runtime;

import dev.hoist.runtime.spec.SpecMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code /etc/hosts} and {@code /etc/resolv.conf} for a container: copies of the host's (with a
 * line for the container's hostname), written to the run folder and bound over the image's, so
 * what a command writes there goes nowhere.
 */
final class HostNetworkFiles {
  private HostNetworkFiles() {}

  static List<SpecMount> write(Path runDir, String hostname, NetworkMode network) throws IOException {
    String hosts = network == NetworkMode.HOST
        ? readOr(Path.of("/etc/hosts"), "127.0.0.1\tlocalhost\n")
        : "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
    if (!hosts.isEmpty() && !hosts.endsWith("\n")) {
      hosts += "\n";
    }
    hosts += "127.0.1.1\t" + hostname + "\n";
    Path h = Files.writeString(runDir.resolve("hosts"), hosts, StandardCharsets.UTF_8);
    Path r = Files.writeString(runDir.resolve("resolv.conf"), readOr(Path.of("/etc/resolv.conf"), ""), StandardCharsets.UTF_8);
    return List.of(SpecMount.bind(h.toString(), "/etc/hosts", false), SpecMount.bind(r.toString(), "/etc/resolv.conf", false));
  }

  private static String readOr(Path p, String fallback) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fallback;
    }
  }
}
