package dev.hoist.registry.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is retried after a connection reset, a 5xx or a 429:
 * exponential backoff with jitter, at most {@code maxAttempts} tries, honouring {@code Retry-After}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Six tries, starting at 200 ms, never waiting more than 20 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(20));
  }

  /** Whether a response with this status is worth another try. */
  public static boolean retryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
  }

  /** The pause before try {@code attempt + 1}, after {@code attempt} tries have failed. */
  public Duration delay(int attempt, Optional<String> retryAfter) {
    Optional<Duration> asked = retryAfter.flatMap(RetryPolicy::parseRetryAfter);
    if (asked.isPresent()) {
      return asked.get().compareTo(maxDelay) > 0 ? maxDelay : asked.get();
    }
    long base = baseDelay.toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(base, maxDelay.toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  private static Optional<Duration> parseRetryAfter(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
    } catch (NumberFormatException e) {
      try {
        var when = java.time.ZonedDateTime.parse(value.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.ZonedDateTime.now(), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (java.time.format.DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** Sleeps for {@code d}; an interrupt is kept and turned into an {@link java.io.InterruptedIOException}. */
  public static void pause(Duration d) throws java.io.InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
