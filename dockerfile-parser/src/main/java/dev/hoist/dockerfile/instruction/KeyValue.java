package dev.hoist.dockerfile.instruction;

/**
 * A pair from ENV or LABEL, unexpanded (quotes and escapes still in the value).
 *
 * @param key the name
 * @param value the value as written
 * @param legacyForm true for {@code ENV key value} (no {@code =})
 */
public record KeyValue(String key, String value, boolean legacyForm) {
}
