package dev.hoist.build.context;

import dev.hoist.oci.HoistException;
import java.util.regex.Pattern;

/**
 * One path segment of a COPY source with Go {@code filepath.Match} wildcards: {@code *} (any run of
 * characters), {@code ?} (one character), {@code [a-z]} and {@code [^a-z]} classes, {@code \x}.
 */
public final class SegmentGlob {
  private final Pattern pattern;

  private SegmentGlob(Pattern pattern) {
    this.pattern = pattern;
  }

  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  public static SegmentGlob compile(String segment) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < segment.length()) {
      char c = segment.charAt(i++);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '\\' -> {
          if (i == segment.length()) {
            throw new HoistException("invalid pattern \"" + segment + "\": trailing \\");
          }
          re.append(Pattern.quote(String.valueOf(segment.charAt(i++))));
        }
        case '[' -> {
          int end = segment.indexOf(']', i + 1);
          if (end < 0) {
            throw new HoistException("invalid pattern \"" + segment + "\": unclosed [");
          }
          String body = segment.substring(i, end);
          boolean negate = body.startsWith("^") || body.startsWith("!");
          if (negate) {
            body = body.substring(1);
          }
          re.append('[').append(negate ? "^" : "").append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end + 1;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new SegmentGlob(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  public boolean matches(String name) {
    return pattern.matcher(name).matches();
  }
}
