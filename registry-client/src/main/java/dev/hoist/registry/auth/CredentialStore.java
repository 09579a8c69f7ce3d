package dev.hoist.registry.auth;

import java.util.Map;
import java.util.Optional;

/** Finds the credential for a registry host ({@code host[:port]}). */
@FunctionalInterface
public interface CredentialStore {
  Optional<Credential> find(String registry);

  /** No credentials: every request is anonymous. */
  static CredentialStore anonymous() {
    return registry -> Optional.empty();
  }

  /** Fixed credentials per registry host. */
  static CredentialStore of(Map<String, Credential> byRegistry) {
    Map<String, Credential> copy = Map.copyOf(byRegistry);
    return registry -> Optional.ofNullable(copy.get(registry));
  }
}
