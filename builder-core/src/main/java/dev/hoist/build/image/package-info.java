/**
 * Base images: the local store first, then the registry (pulled into the store); root filesystems unpacked for COPY --from.
 */
package dev.hoist.build.image;
