package dev.hoist.cache.xattr;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Setting an attribute was refused, for a reason the caller may report and go on: not permitted
 * ({@code security.*} needs CAP_SETFCAP, {@code trusted.*} CAP_SYS_ADMIN), or not supported (a
 * file system without extended attributes, or a namespace the {@code user.*}-only fallback cannot reach).
 */
public final class XattrRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why an attribute could not be set. */
  public enum Kind { NOT_PERMITTED, UNSUPPORTED }

  private final Kind kind;
  private final String reason;

  public XattrRefusedException(Kind kind, Path path, String name, String reason) {
    super("cannot set xattr " + name + " on " + path + ": " + reason);
    this.kind = kind;
    this.reason = reason;
  }

  static XattrRefusedException notPermitted(Path path, String name) {
    return new XattrRefusedException(Kind.NOT_PERMITTED, path, name,
        name.startsWith("security.") || name.startsWith("trusted.") ? "not permitted (needs root)" : "not permitted");
  }

  static XattrRefusedException unsupported(Path path, String name, String reason) {
    return new XattrRefusedException(Kind.UNSUPPORTED, path, name, reason);
  }

  public Kind kind() {
    return kind;
  }

  /** The reason alone, without the path. */
  public String reason() {
    return reason;
  }
}
