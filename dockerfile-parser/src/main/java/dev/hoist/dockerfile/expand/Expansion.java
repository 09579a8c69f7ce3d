package dev.hoist.dockerfile.expand;

import java.util.List;
import java.util.Set;

/**
 * The result of expanding one word.
 *
 * @param value the expanded text with quotes removed, as one word
 * @param words the same text split into fields the way RUN-style word splitting does it
 * @param matched the names that were referenced and set (possibly empty)
 * @param unmatched the names that were referenced but not set
 */
public record Expansion(String value, List<String> words, Set<String> matched, Set<String> unmatched) {

    public Expansion {
        words = List.copyOf(words);
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
