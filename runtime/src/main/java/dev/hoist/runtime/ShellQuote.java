package dev.hoist.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** Quotes argv words for {@code sh -c}: each in single quotes, a quote inside as {@code '\''}. */
final class ShellQuote {
  private ShellQuote() {}

  static String join(List<String> words) {
    return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
