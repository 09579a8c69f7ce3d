package dev.hoist.dockerfile.instruction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A HEALTHCHECK that runs a command, in the image config's form.
 *
 * @param test {@code ["CMD-SHELL", "cmd"]} for shell form or {@code ["CMD", arg...]} for exec form
 * @param interval {@code --interval}
 * @param timeout {@code --timeout}
 * @param startPeriod {@code --start-period}
 * @param startInterval {@code --start-interval}
 * @param retries {@code --retries}
 */
public record HealthConfig(List<String> test, Optional<Duration> interval, Optional<Duration> timeout,
                           Optional<Duration> startPeriod, Optional<Duration> startInterval,
                           Optional<Integer> retries) {

    public HealthConfig {
        test = List.copyOf(test);
    }
}
