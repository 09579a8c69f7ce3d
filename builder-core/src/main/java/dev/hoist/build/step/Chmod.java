package dev.hoist.build.step;

import dev.hoist.oci.HoistException;

/**
 * A {@code --chmod} value: octal ({@code 755}, {@code 0644}) or symbolic ({@code u+x,go-w},
 * {@code a=rX}) as chmod(1) reads it; {@code X} adds execute to directories and to files that
 * already have an execute bit.
 */
public record Chmod(String spec) {
  public Chmod {
    if (!spec.matches("[0-7]{1,4}") && !spec.matches("([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*")) {
      throw new HoistException("invalid --chmod=" + spec + " (want octal like 755 or symbolic like u+x,go-w)");
    }
  }

  /** The mode (permission bits with setuid/setgid/sticky) after applying this to {@code mode}. */
  public int apply(int mode, boolean directory) {
    if (spec.matches("[0-7]{1,4}")) {
      return Integer.parseInt(spec, 8);
    }
    int m = mode & 07777;
    for (String clause : spec.split(",")) {
      int op = indexOfOp(clause);
      String who = clause.substring(0, op);
      char how = clause.charAt(op);
      String perms = clause.substring(op + 1);
      int whoMask = who.isEmpty() || who.contains("a") ? 0777 : 0;
      if (who.contains("u")) {
        whoMask |= 0700;
      }
      if (who.contains("g")) {
        whoMask |= 070;
      }
      if (who.contains("o")) {
        whoMask |= 07;
      }
      int bits = 0;
      for (char p : perms.toCharArray()) {
        bits |= switch (p) {
          case 'r' -> 0444;
          case 'w' -> 0222;
          case 'x' -> 0111;
          case 'X' -> directory || (mode & 0111) != 0 ? 0111 : 0;
          case 's' -> (whoMask & 0700) != 0 ? 04000 : 0 | ((whoMask & 070) != 0 ? 02000 : 0);
          case 't' -> 01000;
          default -> 0;
        };
      }
      int special = bits & 07000;
      bits = (bits & whoMask) | special;
      m = switch (how) {
        case '+' -> m | bits;
        case '-' -> m & ~bits;
        default -> (m & ~whoMask) | bits;
      };
    }
    return m;
  }

  private static int indexOfOp(String clause) {
    for (int i = 0; i < clause.length(); i++) {
      char c = clause.charAt(i);
      if (c == '+' || c == '-' || c == '=') {
        return i;
      }
    }
    throw new HoistException("invalid --chmod clause: " + clause);
  }
}
