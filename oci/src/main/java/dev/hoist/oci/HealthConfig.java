package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
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

  /** The health check at the reader's current token, or null for JSON null. */
  static HealthConfig read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    List<String> test = null;
    long interval = 0;
    long timeout = 0;
    long startPeriod = 0;
    long startInterval = 0;
    int retries = 0;
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "Test" -> test = json.list(JsonReader::string);
        case "Interval" -> interval = json.longValue();
        case "Timeout" -> timeout = json.longValue();
        case "StartPeriod" -> startPeriod = json.longValue();
        case "StartInterval" -> startInterval = json.longValue();
        case "Retries" -> retries = json.intValue();
        default -> json.skip();
      }
    }
    return new HealthConfig(test, interval, timeout, startPeriod, startInterval, retries);
  }
}
