package dev.hoist.registry.manifest;

import dev.hoist.oci.Digest;
import java.util.Optional;

/**
 * What a manifest PUT answered.
 *
 * @param digest the digest of the bytes pushed
 * @param indexedSubject the subject the registry filed the manifest under as a referrer ({@code
 *     OCI-Subject}); empty when the registry has no referrers API and the client must keep the
 *     fallback tag
 */
public record PushedManifest(Digest digest, Optional<Digest> indexedSubject) {}
