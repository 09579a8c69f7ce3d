package dev.hoist.registry.blob;

import dev.hoist.oci.Digest;
import dev.hoist.registry.RegistryException;

/** Downloaded content does not hash to the digest it was asked for: it must not be used or cached. */
public final class DigestMismatchException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String registry, String repository, String what, Digest expected, String actual) {
    super(registry, repository, 200, "digest mismatch for " + what + " " + expected + ": content hashes to " + actual);
  }
}
