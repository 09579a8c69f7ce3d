package dev.hoist.cache.extract;

/**
 * The owner a tar entry names for a file that extraction left owned by the extracting user ({@link
 * OwnershipMode#RECORD}), with its permission bits (a later chown clears setuid and setgid, so they
 * must be set again after it). {@code path} is relative to the extraction root, empty for the root.
 */
public record EntryOwner(String path, long uid, long gid, int mode) {}
