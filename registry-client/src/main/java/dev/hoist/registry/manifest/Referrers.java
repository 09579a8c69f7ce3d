package dev.hoist.registry.manifest;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.http.ErrorResponse;
import dev.hoist.registry.http.HttpTransport;
import dev.hoist.registry.http.Request;
import dev.hoist.registry.http.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OCI 1.1 referrers API ({@code GET /v2/NAME/referrers/DIGEST}) with the spec's fallback for
 * registries without it: the index tagged {@code sha256-<hex>}.
 */
public final class Referrers {
  private final HttpTransport transport;
  private final String repository;
  private final Manifests manifests;

  public Referrers(HttpTransport transport, String repository, Manifests manifests) {
    this.transport = transport;
    this.repository = repository;
    this.manifests = manifests;
  }

  /** The tag the fallback scheme files the referrers of {@code subject} under. */
  public static String fallbackTag(Digest subject) {
    return subject.algorithm() + "-" + subject.hex();
  }

  /** Descriptors of the manifests that refer to {@code subject}, optionally of one artifact type. */
  public List<Descriptor> list(Digest subject, Optional<String> artifactType) {
    String path = "/v2/" + repository + "/referrers/" + subject
        + artifactType.map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
    Request r = Request.of("GET", path, List.of("repository:" + repository + ":pull")).header("Accept", MediaType.OCI_INDEX);
    List<Descriptor> found;
    try (Response resp = transport.send(r, repository)) {
      if (resp.status() == 200 && resp.header("Content-Type").orElse("").startsWith(MediaType.OCI_INDEX)) {
        found = ImageIndex.parse(resp.bytes(Manifests.MAX_SIZE), "referrers of " + subject).manifests();
      } else if (resp.status() == 404 || resp.status() == 200 || resp.status() == 400 || resp.status() == 405) {
        resp.discard();
        found = fallback(subject);
      } else {
        throw ErrorResponse.of(resp, transport.registry(), repository, "listing referrers of " + subject);
      }
    } catch (IOException e) {
      throw transport.networkError(repository, e);
    }
    return artifactType.map(t -> found.stream().filter(d -> t.equals(d.artifactType())).toList()).orElse(found);
  }

  private List<Descriptor> fallback(Digest subject) {
    return fallbackIndex(subject).map(ImageIndex::manifests).orElse(List.of());
  }

  private Optional<ImageIndex> fallbackIndex(Digest subject) {
    try {
      RawManifest m = manifests.get(fallbackTag(subject));
      return m.isIndex() ? Optional.of(m.index()) : Optional.empty();
    } catch (RegistryException e) {
      if (e.status().orElse(0) == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Pushes {@code referrer} (a manifest whose {@code subject} is {@code subject}) by its digest, as
   * its exact bytes. A registry without the referrers API does not answer with {@code OCI-Subject};
   * then {@code entry} is added to the fallback index tagged {@code sha256-<hex>}, unless listed.
   *
   * @return the digest of the fallback index, when it was written
   */
  public Optional<Digest> push(RawManifest referrer, Descriptor entry, Digest subject) {
    PushedManifest pushed = manifests.push(referrer.bytes(), referrer.mediaType(), referrer.digest().toString());
    if (pushed.indexedSubject().isPresent()) {
      return Optional.empty();
    }
    Optional<ImageIndex> existing = fallbackIndex(subject);
    List<Descriptor> listed = existing.map(ImageIndex::manifests).orElse(List.of());
    if (listed.stream().anyMatch(d -> d.digest().equals(referrer.digest()))) {
      return Optional.empty();
    }
    List<Descriptor> merged = new ArrayList<>(listed);
    merged.add(entry);
    ImageIndex index = existing.map(i -> new ImageIndex(i.schemaVersion(), i.mediaType(), i.artifactType(), merged,
        i.subject(), i.annotations(), i.extra())).orElseGet(() -> fallbackIndex(merged));
    return Optional.of(manifests.put(index.toJson(), MediaType.OCI_INDEX, fallbackTag(subject)));
  }

  /** The fallback index that lists {@code referrers}, for registries without the API. */
  public static ImageIndex fallbackIndex(List<Descriptor> referrers) {
    return ImageIndex.oci(referrers, Map.of());
  }
}
