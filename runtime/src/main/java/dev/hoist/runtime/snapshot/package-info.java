/**
 * Snapshots: writable roots over stacked layer folders (kernel overlayfs, or a copy-and-compare
 * fallback) and the {@link dev.hoist.runtime.snapshot.Diff} a run leaves.
 */
package dev.hoist.runtime.snapshot;
