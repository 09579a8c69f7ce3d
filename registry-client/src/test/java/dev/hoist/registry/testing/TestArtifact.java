package dev.hoist.registry.testing;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.BlobSource;
import dev.hoist.registry.manifest.Referrers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * An OCI 1.1 artifact (a signature, an SBOM) that refers to a subject: the empty config {@code {}},
 * one layer of random payload, {@code artifactType} and {@code subject}. {@link #push} uploads it
 * and lists it in the subject's fallback index itself, as a client such as oras does for a
 * registry without the referrers API.
 */
public record TestArtifact(byte[] payload, byte[] manifestBytes, String artifactType, Descriptor subject) {
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  /** An artifact of {@code artifactType} about {@code subject}, with a payload of {@code size} random bytes. */
  public static TestArtifact about(Descriptor subject, String artifactType, int size) {
    byte[] payload = new byte[size];
    new Random().nextBytes(payload);
    Descriptor config = Descriptor.of(MediaType.OCI_EMPTY, Digest.sha256(EMPTY), EMPTY.length);
    Descriptor layer = Descriptor.of("application/vnd.example.payload", Digest.sha256(payload), payload.length);
    Manifest m = new Manifest(2, MediaType.OCI_MANIFEST, artifactType, config, List.of(layer),
        Descriptor.of(subject.mediaType(), subject.digest(), subject.size()), Map.of(), null);
    return new TestArtifact(payload, m.toJson(), artifactType, subject);
  }

  public Digest digest() {
    return Digest.sha256(manifestBytes);
  }

  /** How the referrers list names this artifact. */
  public Descriptor descriptor() {
    return new Descriptor(MediaType.OCI_MANIFEST, digest(), manifestBytes.length, null, null, null, artifactType, null);
  }

  /** Uploads blobs and manifest (by digest) to {@code repo} and adds it to the subject's fallback index. */
  public TestArtifact push(Repository repo) {
    repo.uploadBlob(Digest.sha256(EMPTY), EMPTY.length, BlobSource.of(EMPTY));
    repo.uploadBlob(Digest.sha256(payload), payload.length, BlobSource.of(payload));
    repo.putManifest(manifestBytes, MediaType.OCI_MANIFEST, digest().toString());
    List<Descriptor> listed = new ArrayList<>(repo.referrers(subject.digest(), Optional.empty()));
    listed.add(descriptor());
    repo.putManifest(Referrers.fallbackIndex(listed).toJson(), MediaType.OCI_INDEX,
        Referrers.fallbackTag(subject.digest()));
    return this;
  }
}
