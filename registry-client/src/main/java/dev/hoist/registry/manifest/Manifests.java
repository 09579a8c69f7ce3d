package dev.hoist.registry.manifest;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.blob.DigestMismatchException;
import dev.hoist.registry.http.BodySource;
import dev.hoist.registry.http.ErrorResponse;
import dev.hoist.registry.http.HttpTransport;
import dev.hoist.registry.http.Request;
import dev.hoist.registry.http.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Manifest calls for one repository with content negotiation: OCI manifest and index, Docker
 * schema 2 manifest and manifest list. Schema 1 and unknown media types are refused with a clear
 * message. Every GET is verified against the digest asked for (or the registry's
 * {@code Docker-Content-Digest}).
 */
public final class Manifests {
  /** Manifests larger than this are refused (the distribution spec suggests 4 MiB). */
  public static final int MAX_SIZE = 4 * 1024 * 1024;
  private final HttpTransport transport;
  private final String repository;
  private final List<String> pull;
  private final List<String> push;

  public Manifests(HttpTransport transport, String repository) {
    this.transport = transport;
    this.repository = repository;
    this.pull = List.of("repository:" + repository + ":pull");
    this.push = List.of("repository:" + repository + ":pull,push");
  }

  private String path(String reference) {
    return "/v2/" + repository + "/manifests/" + reference;
  }

  private static String describe(String reference) {
    return Digest.isDigest(reference) ? "for digest " + reference : "for tag " + reference;
  }

  private Request negotiated(String method, String reference) {
    return Request.of(method, path(reference), pull).header("Accept", MediaType.manifestAccept() + ", "
        + MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST + ";q=0.1, " + MediaType.DOCKER_SCHEMA1_MANIFEST + ";q=0.1");
  }

  /** GETs the manifest a tag or digest names. */
  public RawManifest get(String reference) {
    try (Response r = transport.send(negotiated("GET", reference), repository)) {
      if (r.status() != 200) {
        throw ErrorResponse.of(r, transport.registry(), repository, describe(reference));
      }
      byte[] bytes = r.bytes(MAX_SIZE);
      String mediaType = mediaType(r.header("Content-Type"), bytes, reference);
      Digest actual = Digest.sha256(bytes);
      Optional<Digest> expected = Digest.isDigest(reference) ? Optional.of(Digest.parse(reference))
          : r.header("Docker-Content-Digest").filter(Digest::isDigest).map(Digest::parse);
      if (expected.isPresent() && expected.get().algorithm().equals("sha256") && !expected.get().equals(actual)) {
        throw new DigestMismatchException(transport.registry(), repository, "manifest", expected.get(), actual.toString());
      }
      return new RawManifest(bytes, mediaType, actual);
    } catch (IOException e) {
      throw transport.networkError(repository, e);
    }
  }

  private String mediaType(Optional<String> header, byte[] bytes, String reference) {
    String type = header.map(h -> h.split(";")[0].trim()).orElse("");
    if (!MediaType.isManifest(type) && !MediaType.isIndex(type) && !MediaType.isSchema1(type)) {
      ManifestShape body = ManifestShape.of(bytes);
      type = body.impliedMediaType().orElse(type);
      if (type.isEmpty() && body.schemaVersion() == 1) {
        type = MediaType.DOCKER_SCHEMA1_MANIFEST;
      }
    }
    if (MediaType.isSchema1(type)) {
      throw new RegistryException(transport.registry(), repository, 200, "manifest " + describe(reference)
          + " is Docker schema 1, which hoist does not support; re-push the image with a current client");
    }
    if (!MediaType.isManifest(type) && !MediaType.isIndex(type)) {
      throw new RegistryException(transport.registry(), repository, 200, "manifest " + describe(reference)
          + " has unsupported media type " + (type.isEmpty() ? "(none)" : type));
    }
    return type;
  }

  /** HEADs a manifest: its media type, digest and size, or empty if the repository has none. */
  public Optional<Descriptor> head(String reference) {
    try (Response r = transport.send(negotiated("HEAD", reference), repository)) {
      if (r.status() == 404) {
        return Optional.empty();
      }
      if (r.status() != 200) {
        throw ErrorResponse.of(r, transport.registry(), repository, describe(reference));
      }
      Optional<Digest> digest = r.header("Docker-Content-Digest").filter(Digest::isDigest).map(Digest::parse)
          .or(() -> Digest.isDigest(reference) ? Optional.of(Digest.parse(reference)) : Optional.empty());
      if (digest.isEmpty()) {
        RawManifest m = get(reference);
        return Optional.of(m.descriptor());
      }
      String type = r.header("Content-Type").map(h -> h.split(";")[0].trim()).orElse("");
      return Optional.of(Descriptor.of(type, digest.get(), r.contentLength().orElse(-1)));
    }
  }

  /** PUTs {@code bytes} as they are under a tag or digest and returns their digest. */
  public Digest put(byte[] bytes, String mediaType, String tagOrDigest) {
    return push(bytes, mediaType, tagOrDigest).digest();
  }

  /**
   * PUTs {@code bytes} as they are under a tag or digest; the answer tells whether the registry
   * filed the manifest under its subject's referrers itself (OCI 1.1's {@code OCI-Subject} header).
   */
  public PushedManifest push(byte[] bytes, String mediaType, String tagOrDigest) {
    if (!MediaType.isManifest(mediaType) && !MediaType.isIndex(mediaType)) {
      throw new HoistException("cannot push a manifest of media type " + mediaType
          + " (want an OCI or Docker schema 2 manifest or index)");
    }
    if (bytes.length > MAX_SIZE) {
      throw new HoistException("manifest is " + bytes.length + " bytes, more than registries accept (" + MAX_SIZE + ")");
    }
    Digest digest = Digest.sha256(bytes);
    if (Digest.isDigest(tagOrDigest) && !Digest.parse(tagOrDigest).equals(digest)) {
      throw new HoistException("manifest bytes hash to " + digest + ", not " + tagOrDigest);
    }
    Request r = Request.of("PUT", path(tagOrDigest), push).header("Content-Type", mediaType).body(BodySource.of(bytes));
    try (Response resp = transport.send(r, repository)) {
      if (resp.status() != 201 && resp.status() != 200) {
        throw ErrorResponse.of(resp, transport.registry(), repository, "pushing manifest " + describe(tagOrDigest));
      }
      return new PushedManifest(digest, resp.header("OCI-Subject").filter(Digest::isDigest).map(Digest::parse));
    }
  }

  /** Deletes the manifest a digest names. */
  public void delete(Digest digest) {
    Request r = Request.of("DELETE", path(digest.toString()), List.of("repository:" + repository + ":delete"));
    try (Response resp = transport.send(r, repository)) {
      if (resp.status() != 202 && resp.status() != 200) {
        throw ErrorResponse.of(resp, transport.registry(), repository, "deleting manifest " + digest);
      }
    }
  }
}
