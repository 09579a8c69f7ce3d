/** One-pass layer writing: tar, diff ID, compression and digest straight into the store. */
package dev.hoist.cache.layer;
