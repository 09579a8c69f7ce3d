package dev.hoist.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A run's private folder (mode 0700) for its bundle, runtime state, hosts files and secrets: on
 * a tmpfs ({@code $XDG_RUNTIME_DIR} or {@code /dev/shm}) when there is a writable one, so secrets
 * never touch a disk, else in the temp folder. Never inside the container's root.
 */
final class RunDirectory {
  private RunDirectory() {}

  static Path create() throws IOException {
    for (Path base : candidates()) {
      if (Files.isDirectory(base) && Files.isWritable(base)) {
        try {
          return Files.createTempDirectory(base, "hoist-run-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
          // try the next place
        }
      }
    }
    return Files.createTempDirectory("hoist-run-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private static List<Path> candidates() {
    Optional<Path> xdg = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).filter(s -> !s.isEmpty()).map(Path::of);
    return xdg.map(p -> List.of(p, Path.of("/dev/shm"))).orElse(List.of(Path.of("/dev/shm")));
  }
}
