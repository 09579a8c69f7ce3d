package dev.hoist.cache.tar;

import dev.hoist.oci.HoistException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tar entry's metadata. {@code name} is relative, '/'-separated, without leading {@code ./} or
 * {@code /} and without a trailing slash (the writer adds it for directories). {@code mode} holds
 * the permission bits including setuid, setgid and sticky (07777). {@code mtime} is in epoch
 * seconds. {@code linkName} is the target of a symlink or hardlink, empty otherwise. Extended
 * attribute values are raw bytes (binary {@code security.capability} survives).
 */
public record TarEntry(
    String name,
    EntryType type,
    int mode,
    long uid,
    long gid,
    String uname,
    String gname,
    long size,
    long mtime,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  /** The prefix of an OCI whiteout file. */
  public static final String WHITEOUT_PREFIX = ".wh.";
  /** The name of an OCI opaque-directory marker. */
  public static final String OPAQUE_MARKER = ".wh..wh..opq";

  public TarEntry {
    name = normalise(name);
    uname = uname == null ? "" : uname;
    gname = gname == null ? "" : gname;
    linkName = linkName == null ? "" : linkName;
    xattrs = xattrs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(xattrs));
    if (!type.hasContent() && size != 0) {
      throw new IllegalArgumentException(type + " entry " + name + " cannot have content");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size for " + name);
    }
  }

  /** A regular file of {@code size} bytes, mode 0644, owned by root. */
  public static TarEntry file(String name, long size) {
    return new TarEntry(name, EntryType.FILE, 0644, 0, 0, "", "", size, 0, "", 0, 0, Map.of());
  }

  /** A directory, mode 0755, owned by root. */
  public static TarEntry directory(String name) {
    return new TarEntry(name, EntryType.DIRECTORY, 0755, 0, 0, "", "", 0, 0, "", 0, 0, Map.of());
  }

  /** A symbolic link to {@code target}, mode 0777. */
  public static TarEntry symlink(String name, String target) {
    return new TarEntry(name, EntryType.SYMLINK, 0777, 0, 0, "", "", 0, 0, target, 0, 0, Map.of());
  }

  /** A hard link to the earlier entry named {@code target}. */
  public static TarEntry hardlink(String name, String target) {
    return new TarEntry(name, EntryType.HARDLINK, 0644, 0, 0, "", "", 0, 0, normalise(target), 0, 0, Map.of());
  }

  /** A FIFO, mode 0644. */
  public static TarEntry fifo(String name) {
    return new TarEntry(name, EntryType.FIFO, 0644, 0, 0, "", "", 0, 0, "", 0, 0, Map.of());
  }

  /** A character or block device. */
  public static TarEntry device(String name, EntryType type, int major, int minor) {
    if (type != EntryType.CHAR_DEVICE && type != EntryType.BLOCK_DEVICE) {
      throw new IllegalArgumentException(type + " is not a device type");
    }
    return new TarEntry(name, type, 0644, 0, 0, "", "", 0, 0, "", major, minor, Map.of());
  }

  /** The OCI whiteout that deletes {@code path} from lower layers. */
  public static TarEntry whiteout(String path) {
    String p = normalise(path);
    int slash = p.lastIndexOf('/');
    String dir = slash < 0 ? "" : p.substring(0, slash + 1);
    return file(dir + WHITEOUT_PREFIX + p.substring(slash + 1), 0);
  }

  /** The OCI marker that hides everything lower layers have in directory {@code dir}. */
  public static TarEntry opaque(String dir) {
    String d = normalise(dir);
    return file(d.isEmpty() ? OPAQUE_MARKER : d + "/" + OPAQUE_MARKER, 0);
  }

  public TarEntry withMode(int m) {
    return new TarEntry(name, type, m, uid, gid, uname, gname, size, mtime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withOwner(long u, long g) {
    return new TarEntry(name, type, mode, u, g, uname, gname, size, mtime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withOwnerNames(String un, String gn) {
    return new TarEntry(name, type, mode, uid, gid, un, gn, size, mtime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withMtime(long seconds) {
    return new TarEntry(name, type, mode, uid, gid, uname, gname, size, seconds, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withName(String n) {
    return new TarEntry(n, type, mode, uid, gid, uname, gname, size, mtime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withXattrs(Map<String, byte[]> x) {
    return new TarEntry(name, type, mode, uid, gid, uname, gname, size, mtime, linkName, devMajor, devMinor, x);
  }

  /** The last path component. */
  public String baseName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** Whether this is an OCI whiteout file or opaque marker. */
  public boolean isWhiteout() {
    return baseName().startsWith(WHITEOUT_PREFIX);
  }

  /** Whether this is an OCI opaque-directory marker. */
  public boolean isOpaqueMarker() {
    return baseName().equals(OPAQUE_MARKER);
  }

  /**
   * Strips {@code ./} and leading {@code /}, collapses repeated and trailing slashes. Does not
   * resolve {@code ..}: extraction refuses it, writing keeps what the caller gave.
   */
  public static String normalise(String raw) {
    if (raw == null) {
      throw new HoistException("tar entry without a name");
    }
    StringBuilder sb = new StringBuilder();
    for (String part : raw.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
