package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A HEALTHCHECK as Docker stores it; durations are nanoseconds, 0 meaning "inherit". */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder({"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"})
public record HealthConfig(
    @JsonProperty("Test") List<String> test,
    @JsonProperty("Interval") long interval,
    @JsonProperty("Timeout") long timeout,
    @JsonProperty("StartPeriod") long startPeriod,
    @JsonProperty("StartInterval") long startInterval,
    @JsonProperty("Retries") int retries) {
  public HealthConfig {
    test = test == null ? List.of() : List.copyOf(test);
  }
}
