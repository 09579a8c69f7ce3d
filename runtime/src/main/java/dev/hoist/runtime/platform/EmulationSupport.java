package dev.hoist.runtime.platform;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether this machine can run binaries of a platform: natively, or through a qemu-user
 * interpreter registered in binfmt_misc with the {@code F} (fix binary) flag, which containers
 * need because the interpreter is not in their root. Never lets a step silently run as the wrong
 * architecture.
 */
public final class EmulationSupport {
  private static final Map<String, String> QEMU_ARCH = Map.of(
      "amd64", "x86_64", "386", "i386", "arm64", "aarch64", "arm", "arm", "ppc64le", "ppc64le",
      "s390x", "s390x", "riscv64", "riscv64", "mips64le", "mips64el");

  private final Path binfmtDir;
  private final Platform host;

  public EmulationSupport(Path binfmtDir, Platform host) {
    this.binfmtDir = binfmtDir;
    this.host = host;
  }

  public static EmulationSupport system() {
    return new EmulationSupport(Path.of("/proc/sys/fs/binfmt_misc"), Platform.host());
  }

  /** How {@code platform} runs here. */
  public sealed interface Support {
    /** Same architecture as the host. */
    record Native() implements Support {}

    /** Through the binfmt_misc entry {@code entry}, interpreter {@code interpreter}. */
    record Emulated(String entry, String interpreter) implements Support {}

    /** Cannot run here; {@code reason} is one line for the user. */
    record Unavailable(String reason) implements Support {}
  }

  public Support check(Platform platform) {
    if (!platform.os().equals("linux")) {
      return new Support.Unavailable("cannot run " + platform + " steps: only linux containers run here");
    }
    if (platform.architecture().equals(host.architecture())) {
      return new Support.Native();
    }
    String qemu = QEMU_ARCH.get(platform.architecture());
    if (qemu == null) {
      return new Support.Unavailable("cannot run " + platform + " steps: no qemu-user emulator is known for it");
    }
    String entry = "qemu-" + qemu;
    Path status = binfmtDir.resolve("status");
    if (!Files.isReadable(status)) {
      return new Support.Unavailable("cannot run " + platform + " steps: binfmt_misc is not mounted at " + binfmtDir
          + " (mount -t binfmt_misc binfmt_misc " + binfmtDir + "; install qemu-user-static binfmt-support)");
    }
    Optional<List<String>> lines = read(binfmtDir.resolve(entry));
    if (lines.isEmpty() || read(status).map(l -> !l.contains("enabled")).orElse(true)) {
      return new Support.Unavailable("cannot run " + platform + " steps: binfmt_misc has no " + entry
          + " entry (install qemu-user-static binfmt-support, then update-binfmts --enable " + entry + ")");
    }
    List<String> l = lines.get();
    if (!l.contains("enabled")) {
      return new Support.Unavailable("cannot run " + platform + " steps: binfmt_misc entry " + entry + " is disabled");
    }
    String interpreter = field(l, "interpreter ");
    String flags = field(l, "flags: ");
    if (!flags.contains("F")) {
      return new Support.Unavailable("cannot run " + platform + " steps: binfmt_misc entry " + entry
          + " lacks the F flag, so " + interpreter + " is not visible inside containers");
    }
    return new Support.Emulated(entry, interpreter);
  }

  /** Throws a one-line {@link HoistException} when {@code platform} cannot run here. */
  public Support require(Platform platform) {
    Support s = check(platform);
    if (s instanceof Support.Unavailable u) {
      throw new HoistException(u.reason());
    }
    return s;
  }

  private static String field(List<String> lines, String prefix) {
    return lines.stream().filter(x -> x.startsWith(prefix)).map(x -> x.substring(prefix.length()).trim()).findFirst().orElse("");
  }

  private static Optional<List<String>> read(Path p) {
    try {
      return Files.isReadable(p) ? Optional.of(Files.readAllLines(p)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
