package dev.hoist.runtime.spec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.util.Optional;

/**
 * The terminal hoist itself runs in: whether stdin is one (for {@code hoist run -t}: crun and runc
 * put it in raw mode) or stderr is (the live progress view), and its size, which a process'
 * pseudo-terminal starts with (runc copies it by itself, crun only from {@code
 * process.consoleSize}) and progress lines are cut to.
 */
public final class HostTerminal {
  /** Linux's {@code TIOCGWINSZ} (the same on x86, arm and riscv). */
  private static final long TIOCGWINSZ = 0x5413;

  /** libc, direct-mapped on first use. */
  private static final class LibC {
    static {
      Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    static native int isatty(int fd);

    static native int ioctl(int fd, NativeLong request, short[] winsize) throws LastErrorException;
  }

  private HostTerminal() {}

  public static boolean stdinIsTerminal() {
    return isTerminal(0);
  }

  public static boolean stderrIsTerminal() {
    return isTerminal(2);
  }

  private static boolean isTerminal(int fd) {
    try {
      return Platform.isLinux() && LibC.isatty(fd) == 1;
    } catch (LinkageError | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  /** The size of the terminal on hoist's stderr, stdout or stdin (the first that is one, as runc looks), if any. */
  public static Optional<ConsoleSize> size() {
    if (!Platform.isLinux()) {
      return Optional.empty();
    }
    try {
      for (int fd = 2; fd >= 0; fd--) {
        short[] ws = new short[4];
        try {
          LibC.ioctl(fd, new NativeLong(TIOCGWINSZ), ws);
        } catch (LastErrorException notATerminal) {
          continue;
        }
        if (ws[0] != 0 && ws[1] != 0) {
          return Optional.of(new ConsoleSize(Short.toUnsignedInt(ws[0]), Short.toUnsignedInt(ws[1])));
        }
      }
    } catch (LinkageError | UnsupportedOperationException e) {
      // No native access: the pseudo-terminal starts with the runtime's default size.
    }
    return Optional.empty();
  }
}
