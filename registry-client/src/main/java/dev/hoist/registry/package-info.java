/**
 * hoist's client for the OCI distribution API (1.1) and Docker registry API v2, on
 * {@code HttpURLConnection} ({@code java.net.http} for chunked PATCH uploads). Everything streams: no blob is held in memory.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * RegistryConfig config = RegistryConfig.defaults()            // docker config, certs.d, proxies
 *     .withInsecureRegistries(Set.of("myreg:5000"));
 * RegistryClient client = RegistryClient.create("myreg:5000", config);   // one per registry host
 * Repository repo = client.repository("team/app");
 *
 * RawManifest m = repo.manifest("v1");             // exact bytes + media type + digest
 * Optional<Descriptor> d = repo.headManifest("v1");
 * repo.putManifest(m.bytes(), m.mediaType(), "v2"); // bytes pushed unchanged
 *
 * try (InputStream in = repo.openBlob(layer)) { ... } // verified at its end; resumes with Range
 * repo.uploadBlob(digest, size, BlobSource.of(path));                 // skipped if present
 * repo.uploadBlob(digest, size, source, Optional.of("team/base"));    // mount from a sibling repo
 *
 * repo.tags(); client.catalog(); repo.referrers(subject, Optional.empty());
 * repo.deleteManifest("v1");
 *
 * new RegistryCopier(new RegistryClients(config))
 *     .copy(src, dst, PlatformSelection.all(), CopyListener.NONE);
 * }</pre>
 *
 * <h2>Packages</h2>
 *
 * <ul>
 *   <li>{@code .http}: transport, redirect loop (credentials dropped across origins, no https to
 *       http), retries with backoff and {@code Retry-After}, TLS from {@code certs.d}, proxies.
 *   <li>{@code .auth}: challenges, Bearer tokens per scope, Docker/containers credential files and
 *       {@code docker-credential-*} helpers, login/logout writes.
 *   <li>{@code .blob}: HEAD, verified resumable GET, uploads (one-shot, monolithic, chunked, mount).
 *   <li>{@code .manifest}: content-negotiated manifests ({@link
 *       dev.hoist.registry.manifest.RawManifest}), referrers with the tag-schema fallback.
 *   <li>{@code .listing}: paginated tags and catalog. {@code .copy}: registry-to-registry copies.
 *       {@code .index}: multi-platform index assembly.
 * </ul>
 *
 * <p>Every failure a user can fix is a {@link dev.hoist.registry.RegistryException} (a {@code
 * HoistException}) whose message names the registry, repository and HTTP status; a download that
 * does not match its digest fails with {@link dev.hoist.registry.blob.DigestMismatchException}.
 */
package dev.hoist.registry;
