package dev.hoist.cache.xattr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists, reads and writes the extended attributes of a path itself (a symlink's own, never its
 * target's). Values are raw bytes (a binary {@code security.capability} stays intact). Writing a
 * {@code security.*} or {@code trusted.*} attribute needs root (CAP_SETFCAP, CAP_SYS_ADMIN); when
 * not permitted, or on a file system without extended attributes (or, in the fallback, for a
 * namespace it cannot reach), {@link #set} throws {@link XattrRefusedException}.
 */
public interface Xattrs {
  /** The native implementation when libc can be reached through JNA, else the {@code user.*}-only fallback. */
  static Xattrs system() {
    return SystemXattrs.INSTANCE;
  }

  /** Whether every namespace is reachable (false for the {@code user.*}-only fallback). */
  boolean reachesAllNamespaces();

  /** The full names ({@code namespace.name}) of the attributes on {@code path}; empty where the fs has none. */
  List<String> list(Path path) throws IOException;

  /** The value of {@code name} on {@code path}, or empty if it is not set (or not reachable). */
  Optional<byte[]> get(Path path, String name) throws IOException;

  /** Sets {@code name} to {@code value} on {@code path}, creating or replacing it. */
  void set(Path path, String name, byte[] value) throws IOException;

  /** Every reachable attribute of {@code path}, sorted by name. */
  default Map<String, byte[]> readAll(Path path) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (String name : list(path)) {
      get(path, name).ifPresent(v -> out.put(name, v));
    }
    return out;
  }
}
