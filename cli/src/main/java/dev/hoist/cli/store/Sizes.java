package dev.hoist.cli.store;

import dev.hoist.cli.UsageException;
import java.util.Locale;

/** Human sizes: printing ({@code 4.2MB}) and parsing ({@code 10GB}, {@code 512m}, {@code 1024}). */
public final class Sizes {
  private Sizes() {}

  public static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.3g%s", v, units[u]);
  }

  static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
    long mult = 1;
    if (!t.isEmpty() && Character.isLetter(t.charAt(t.length() - 1))) {
      mult = switch (t.charAt(t.length() - 1)) {
        case 'k' -> 1024L;
        case 'm' -> 1024L * 1024;
        case 'g' -> 1024L * 1024 * 1024;
        case 't' -> 1024L * 1024 * 1024 * 1024;
        default -> throw new UsageException("invalid size '" + text + "' (want e.g. 512MB, 10GB)");
      };
      t = t.substring(0, t.length() - 1);
    }
    try {
      return (long) (Double.parseDouble(t) * mult);
    } catch (NumberFormatException e) {
      throw new UsageException("invalid size '" + text + "' (want e.g. 512MB, 10GB)");
    }
  }
}
