/**
 * Base images: the local store first, then the registry (pulled into the store); root filesystems unpacked for COPY --from;
 * the config FROM scratch starts with.
 */
package dev.hoist.build.image;
