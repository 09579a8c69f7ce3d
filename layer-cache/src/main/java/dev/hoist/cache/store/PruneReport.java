package dev.hoist.cache.store;

/** What {@code prune} removed: blobs, cache entries, and the bytes freed. */
public record PruneReport(int blobsRemoved, int cacheEntriesRemoved, long bytesFreed) {}
