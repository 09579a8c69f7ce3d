/**
 * Blobs from the local store to a registry: parallel uploads that mount a blob from another
 * repository of the same registry when one is known to have it.
 */
package dev.hoist.build.upload;
