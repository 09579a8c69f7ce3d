/** Layer compression: pigz-style parallel gzip with thread-independent output, zstd, and detection on read. */
package dev.hoist.cache.compress;
