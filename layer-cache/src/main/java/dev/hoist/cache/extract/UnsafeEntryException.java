package dev.hoist.cache.extract;

import dev.hoist.oci.HoistException;

/** A tar entry that would write outside the extraction root, or that cannot be applied safely. */
public final class UnsafeEntryException extends HoistException {
  private static final long serialVersionUID = 1L;

  public UnsafeEntryException(String entry, String reason) {
    super("refusing tar entry '" + entry + "': " + reason);
  }
}
