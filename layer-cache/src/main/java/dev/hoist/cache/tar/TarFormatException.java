package dev.hoist.cache.tar;

import dev.hoist.oci.HoistException;

/** A tar stream hoist cannot read: a bad header, a truncated entry, or an unsupported variant. */
public final class TarFormatException extends HoistException {
  private static final long serialVersionUID = 1L;

  public TarFormatException(String message) {
    super(message);
  }
}
