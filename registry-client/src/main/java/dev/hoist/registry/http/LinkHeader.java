package dev.hoist.registry.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code rel="next"} target in RFC 8288 {@code Link} headers, as registries paginate. */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^,;]+)*)");

  private LinkHeader() {}

  public static Optional<String> next(List<String> headers) {
    for (String header : headers) {
      Matcher m = LINK.matcher(header);
      while (m.find()) {
        String params = m.group(2).replace(" ", "");
        if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }
}
