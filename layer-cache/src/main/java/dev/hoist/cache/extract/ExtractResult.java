package dev.hoist.cache.extract;

import java.util.List;

/** What an extraction did: entries applied, and what it had to leave out (e.g. devices when not root). */
public record ExtractResult(long entries, List<String> warnings) {
  public ExtractResult {
    warnings = List.copyOf(warnings);
  }
}
