package dev.hoist.cache.layer;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;

/**
 * A written layer: its diff ID (sha256 of the uncompressed tar), its blob descriptor (media type,
 * digest and size of the compressed blob) and the uncompressed size.
 */
public record Layer(Digest diffId, Descriptor descriptor, long uncompressedSize) {}
