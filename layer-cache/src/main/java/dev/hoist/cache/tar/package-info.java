/** A byte-deterministic PAX tar writer and a tar reader that keeps binary xattrs. */
package dev.hoist.cache.tar;
