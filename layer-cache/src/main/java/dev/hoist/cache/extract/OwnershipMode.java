package dev.hoist.cache.extract;

/** Whether extraction sets each file's owner from the tar entry. */
public enum OwnershipMode {
  /** chown to the entry's uid/gid (needs root, or a user namespace mapping those ids). */
  PRESERVE,
  /** Leave files owned by the extracting user (rootless: the runtime's user namespace maps it to root). */
  IGNORE,
  /**
   * Leave files owned by the extracting user, and list in {@link ExtractResult#owners()} each file
   * whose entry names another owner than 0:0, for a chown inside a user namespace afterwards.
   */
  RECORD;

  /** PRESERVE when running as root, else IGNORE. */
  public static OwnershipMode forCurrentUser() {
    return "root".equals(System.getProperty("user.name")) ? PRESERVE : IGNORE;
  }
}
