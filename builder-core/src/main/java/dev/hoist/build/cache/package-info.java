/**
 * The step cache: keys chained from the parent's key, entries kept as OCI manifests in the local store, and layers memoised by content.
 */
package dev.hoist.build.cache;
