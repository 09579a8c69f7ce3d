package dev.hoist.registry;

import dev.hoist.oci.ImageReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link RegistryClient} per registry host, made on first use with a shared configuration. */
public final class RegistryClients {
  private final RegistryConfig config;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  public RegistryClients(RegistryConfig config) {
    this.config = config;
  }

  public RegistryConfig config() {
    return config;
  }

  public RegistryClient forRegistry(String registry) {
    return clients.computeIfAbsent(registry, r -> RegistryClient.create(r, config));
  }

  /** The repository an image reference names. */
  public Repository repository(ImageReference ref) {
    return forRegistry(ref.registry()).repository(ref.repository());
  }
}
