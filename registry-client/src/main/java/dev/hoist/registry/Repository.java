package dev.hoist.registry;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.registry.blob.BlobSource;
import dev.hoist.registry.blob.BlobUploader;
import dev.hoist.registry.blob.Blobs;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.listing.PagedNames;
import dev.hoist.registry.manifest.Manifests;
import dev.hoist.registry.manifest.RawManifest;
import dev.hoist.registry.manifest.Referrers;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One repository of a registry: manifests (raw bytes in and out), blobs (verified streams in,
 * skip/mount/upload out), tags, referrers and deletes. Obtain it from {@link
 * RegistryClient#repository(String)}; it is cheap and thread-safe.
 */
public final class Repository {
  private final RegistryClient client;
  private final String name;
  private final Manifests manifests;
  private final Blobs blobs;

  Repository(RegistryClient client, String name) {
    this.client = client;
    this.name = name;
    this.manifests = new Manifests(client.transport(), name);
    this.blobs = new Blobs(client.transport(), name);
  }

  public String name() {
    return name;
  }

  public RegistryClient client() {
    return client;
  }

  /** The manifest a tag or digest names, exactly as stored. */
  public RawManifest manifest(String tagOrDigest) {
    return manifests.get(tagOrDigest);
  }

  /** Media type, digest and size of a manifest, or empty if the repository has none by that name. */
  public Optional<Descriptor> headManifest(String tagOrDigest) {
    return manifests.head(tagOrDigest);
  }

  /** Pushes manifest {@code bytes} unchanged under a tag or digest; returns their digest. */
  public Digest putManifest(byte[] bytes, String mediaType, String tagOrDigest) {
    return manifests.put(bytes, mediaType, tagOrDigest);
  }

  /**
   * Deletes a manifest; a tag is first resolved to its digest (the registry deletes the manifest,
   * and with it every tag naming it).
   */
  public Digest deleteManifest(String tagOrDigest) {
    Digest digest = Digest.isDigest(tagOrDigest) ? Digest.parse(tagOrDigest)
        : manifests.head(tagOrDigest).map(Descriptor::digest).orElseThrow(() ->
            new RegistryException(client.registry(), name, 404, "manifest unknown (HTTP 404) for tag " + tagOrDigest));
    manifests.delete(digest);
    return digest;
  }

  /** The size of a blob, or empty if the repository does not have it. */
  public Optional<Long> headBlob(Digest digest) {
    return blobs.head(digest);
  }

  /**
   * Opens a blob. The stream resumes after dropped connections and fails at its end with {@link
   * dev.hoist.registry.blob.DigestMismatchException} if the content does not match {@code digest}.
   *
   * @param size the expected size, or {@code -1} if unknown
   */
  public InputStream openBlob(Digest digest, long size) {
    return blobs.open(digest, size);
  }

  /** Opens the blob a descriptor names, checking digest and size. */
  public InputStream openBlob(Descriptor descriptor) {
    return blobs.open(descriptor.digest(), descriptor.size());
  }

  /** Uploads a blob unless the repository has it. */
  public UploadOutcome uploadBlob(Digest digest, long size, BlobSource source) {
    return uploadBlob(digest, size, source, Optional.empty());
  }

  /**
   * Uploads a blob unless the repository has it; at most {@link RegistryConfig#parallelTransfers()}
   * uploads run at once per registry client, however many threads call this. With {@code mountFrom} (another repository of the
   * same registry) it is mounted from there first, uploading only if the mount is refused.
   */
  public UploadOutcome uploadBlob(Digest digest, long size, BlobSource source, Optional<String> mountFrom) {
    try {
      client.uploadPermits().acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(client.registry(), name, "interrupted before uploading blob " + digest, e);
    }
    try {
      return new BlobUploader(client.transport(), name, client.config().chunkedUploadThreshold(),
          client.config().chunkSize(), client.oneShotRefused()).upload(digest, size, source, mountFrom);
    } finally {
      client.uploadPermits().release();
    }
  }

  /** Deletes a blob (most registries refuse unless configured to allow it). */
  public void deleteBlob(Digest digest) {
    blobs.delete(digest);
  }

  /** Every tag, following pagination. */
  public List<String> tags() {
    return tags(1000);
  }

  /** Every tag, asking for {@code pageSize} per request. */
  public List<String> tags(int pageSize) {
    return PagedNames.fetch(client.transport(), name, "/v2/" + name + "/tags/list?n=" + pageSize, "tags",
        List.of("repository:" + name + ":pull"), "listing tags");
  }

  /** Manifests referring to {@code subject} (referrers API, or the tag-schema fallback). */
  public List<Descriptor> referrers(Digest subject, Optional<String> artifactType) {
    return referrers().list(subject, artifactType);
  }

  /**
   * Pushes a manifest whose {@code subject} is {@code subject} by its digest, unchanged, and lists
   * it as {@code entry} in the fallback index when the registry has no referrers API.
   *
   * @return the digest of the fallback index, when it was written
   */
  public Optional<Digest> pushReferrer(RawManifest referrer, Descriptor entry, Digest subject) {
    return referrers().push(referrer, entry, subject);
  }

  private Referrers referrers() {
    return new Referrers(client.transport(), name, manifests);
  }
}
