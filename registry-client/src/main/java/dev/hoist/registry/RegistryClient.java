package dev.hoist.registry;

import dev.hoist.oci.ImageReference;
import dev.hoist.registry.http.ErrorResponse;
import dev.hoist.registry.http.HttpTransport;
import dev.hoist.registry.http.Request;
import dev.hoist.registry.http.Response;
import dev.hoist.registry.listing.PagedNames;
import java.util.List;

/**
 * The client for one registry host, holding its transport (TLS, scheme, proxy), authentication
 * state and token cache. Thread-safe; make one per registry and share it. Open a repository with
 * {@link #repository(String)}.
 */
public final class RegistryClient {
  private final String registry;
  private final RegistryConfig config;
  private final HttpTransport transport;
  private final java.util.concurrent.atomic.AtomicBoolean oneShotRefused = new java.util.concurrent.atomic.AtomicBoolean();

  private final java.util.concurrent.Semaphore uploads;

  private RegistryClient(String registry, RegistryConfig config) {
    this.registry = registry;
    this.config = config;
    this.uploads = new java.util.concurrent.Semaphore(config.parallelTransfers(), true);
    String host = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    this.transport = new HttpTransport(registry, host, config);
  }

  /** A client for {@code registry} ({@code host[:port]}, {@code docker.io} for Docker Hub). */
  public static RegistryClient create(String registry, RegistryConfig config) {
    return new RegistryClient(registry, config);
  }

  public String registry() {
    return registry;
  }

  public RegistryConfig config() {
    return config;
  }

  /** The handle for one repository of this registry. */
  public Repository repository(String name) {
    return new Repository(this, name);
  }

  /** Checks that the registry speaks the distribution API (and that its credentials work). */
  public void ping() {
    try (Response r = transport.send(Request.of("GET", "/v2/", List.of()), "")) {
      if (r.status() != 200) {
        throw ErrorResponse.of(r, registry, "", "");
      }
    }
  }

  /** Every repository name the registry lists, following {@code Link} pagination. */
  public List<String> catalog() {
    return catalog(1000);
  }

  /** The catalog, asking for {@code pageSize} names per request. */
  public List<String> catalog(int pageSize) {
    return PagedNames.fetch(transport, "", "/v2/_catalog?n=" + pageSize, "repositories",
        List.of("registry:catalog:*"), "listing the catalog");
  }

  /** Limits concurrent blob uploads to this registry to {@link RegistryConfig#parallelTransfers()}. */
  java.util.concurrent.Semaphore uploadPermits() {
    return uploads;
  }

  java.util.concurrent.atomic.AtomicBoolean oneShotRefused() {
    return oneShotRefused;
  }

  HttpTransport transport() {
    return transport;
  }
}
