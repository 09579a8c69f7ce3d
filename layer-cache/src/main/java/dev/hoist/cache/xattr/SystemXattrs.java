package dev.hoist.cache.xattr;

/** Picks the implementation once per process; a native library that cannot load costs one warning, never a crash. */
final class SystemXattrs {
  static final Xattrs INSTANCE = choose();

  private SystemXattrs() {}

  private static Xattrs choose() {
    try {
      return NativeXattrs.load();
    } catch (LinkageError | RuntimeException e) {
      System.err.println("hoist: warning: native xattr calls unavailable (" + e.getMessage() + "); only user.* "
          + "extended attributes will be read and written, security.capability and other namespaces are skipped");
      return new UserXattrs();
    }
  }
}
