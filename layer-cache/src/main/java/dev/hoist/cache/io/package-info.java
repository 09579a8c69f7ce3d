/** Streams over parts of files: a slice of a spool file or of an archive, read without copying it. */
package dev.hoist.cache.io;
