package dev.hoist.cli.store;

import dev.hoist.cli.UsageException;
import dev.hoist.oci.MediaType.Compression;
import java.util.Locale;

/** Parses {@code --compression}. */
final class Compressions {
  private Compressions() {}

  static Compression parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "gzip" -> Compression.GZIP;
      case "zstd" -> Compression.ZSTD;
      case "none", "uncompressed" -> Compression.NONE;
      default -> throw new UsageException("--compression must be gzip, zstd or none, not " + text);
    };
  }
}
