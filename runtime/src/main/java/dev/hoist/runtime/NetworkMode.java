package dev.hoist.runtime;

import dev.hoist.oci.HoistException;
import java.util.Locale;

/** A run's network: the host's (the default of {@code docker build}) or none but loopback. */
public enum NetworkMode {
  HOST, NONE;

  /** Parses {@code host}, {@code none} or {@code default} (host). */
  public static NetworkMode parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "host", "default" -> HOST;
      case "none" -> NONE;
      default -> throw new HoistException("unsupported network mode " + value + " (want host or none)");
    };
  }
}
