package dev.hoist.runtime.userns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The effective uid and gid of this process, read from {@code /proc/self/status}. */
public final class ProcessIds {
  private ProcessIds() {}

  public static long effectiveUid() {
    return field("Uid:");
  }

  public static long effectiveGid() {
    return field("Gid:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read " + name + " from /proc/self/status", e);
    }
    throw new IllegalStateException("no " + name + " in /proc/self/status");
  }
}
