/** Operations on whole file trees that the store, the extractor, the runtime and the builder share. */
package dev.hoist.cache.fs;
