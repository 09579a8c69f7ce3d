package dev.hoist.build.step;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The time a build stamps on config and history ({@code created}) and the clamp for file mtimes:
 * with {@code SOURCE_DATE_EPOCH} both are that instant, so the same inputs give the same digest.
 */
public record BuildClock(Instant created, Optional<Instant> sourceDateEpoch) {
  public static BuildClock of(Optional<Instant> sourceDateEpoch) {
    return new BuildClock(sourceDateEpoch.orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS)), sourceDateEpoch);
  }

  /** Parses {@code SOURCE_DATE_EPOCH} (seconds since 1970). */
  public static Optional<Instant> parseEpoch(Optional<String> text) {
    return text.filter(t -> !t.isBlank()).map(t -> {
      try {
        return Instant.ofEpochSecond(Long.parseLong(t.trim()));
      } catch (NumberFormatException e) {
        throw new dev.hoist.oci.HoistException("SOURCE_DATE_EPOCH must be whole seconds since 1970, not '" + t + "'");
      }
    });
  }

  /** RFC 3339, as image configs write times. */
  public String createdText() {
    return DateTimeFormatter.ISO_INSTANT.format(created);
  }

  /** An mtime (epoch seconds) clamped to {@code SOURCE_DATE_EPOCH}. */
  public long clampMtime(long seconds) {
    return sourceDateEpoch.map(e -> Math.min(seconds, e.getEpochSecond())).orElse(seconds);
  }
}
