package dev.hoist.build.step;

import dev.hoist.oci.HoistException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EXPOSE's port specs ({@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}) as Docker's {@code ExposedPorts} keys. */
final class ExposedPorts {
  private static final Pattern SPEC = Pattern.compile("([0-9]+)(?:-([0-9]+))?(?:/(tcp|udp|sctp))?", Pattern.CASE_INSENSITIVE);

  private ExposedPorts() {}

  static Map<String, Map<String, Object>> parse(List<String> specs) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String spec : specs) {
      Matcher m = SPEC.matcher(spec);
      if (!m.matches()) {
        throw new HoistException("invalid port \"" + spec + "\" (want PORT[-PORT][/tcp|udp|sctp])");
      }
      int from = port(m.group(1), spec);
      int to = m.group(2) == null ? from : port(m.group(2), spec);
      if (to < from) {
        throw new HoistException("invalid port range \"" + spec + "\": end before start");
      }
      String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(java.util.Locale.ROOT);
      for (int p = from; p <= to; p++) {
        out.put(p + "/" + proto, Map.of());
      }
    }
    return out;
  }

  private static int port(String text, String spec) {
    int p = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
    if (p > 65535) {
      throw new HoistException("invalid port \"" + spec + "\": out of range 0-65535");
    }
    return p;
  }
}
