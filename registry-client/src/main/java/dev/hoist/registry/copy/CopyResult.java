package dev.hoist.registry.copy;

import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;

/**
 * What a copy pushed: the top manifest's digest and media type, how many blobs were uploaded,
 * mounted, or found already there, and how many referrers were copied with it.
 */
public record CopyResult(ImageReference target, Digest digest, String mediaType, int uploaded, int mounted,
    int existed, int referrers) {}
