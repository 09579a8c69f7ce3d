package dev.hoist.registry;

import dev.hoist.oci.HoistException;
import java.util.Optional;

/**
 * A registry said no, or could not be reached. The message is one line naming the registry, the
 * repository (when there is one), what went wrong and the HTTP status, e.g. {@code registry
 * 127.0.0.1:5000: repository app: manifest unknown (HTTP 404) for tag v9}. Never carries credentials.
 */
public class RegistryException extends HoistException {
  private static final long serialVersionUID = 1L;
  private final String registry;
  private final String repository;
  private final int status;

  public RegistryException(String registry, String repository, int status, String problem) {
    super(format(registry, repository, status, problem));
    this.registry = registry;
    this.repository = repository;
    this.status = status;
  }

  public RegistryException(String registry, String repository, String problem, Throwable cause) {
    super(format(registry, repository, 0, problem), cause);
    this.registry = registry;
    this.repository = repository;
    this.status = 0;
  }

  private static String format(String registry, String repository, int status, String problem) {
    StringBuilder sb = new StringBuilder("registry ").append(registry).append(": ");
    if (!repository.isEmpty()) {
      sb.append("repository ").append(repository).append(": ");
    }
    sb.append(problem);
    return sb.toString();
  }

  public String registry() {
    return registry;
  }

  /** The repository, empty for registry-wide requests such as the catalog. */
  public String repository() {
    return repository;
  }

  /** The HTTP status, if the registry answered. */
  public Optional<Integer> status() {
    return status == 0 ? Optional.empty() : Optional.of(status);
  }
}
