/** The local image store: an OCI image layout with atomic blob writes and a locked index. */
package dev.hoist.cache.store;
