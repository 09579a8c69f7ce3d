/** Extraction of layers into directories that never writes outside the target root. */
package dev.hoist.cache.extract;
