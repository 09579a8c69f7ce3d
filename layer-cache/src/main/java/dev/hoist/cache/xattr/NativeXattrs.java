package dev.hoist.cache.xattr;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** libc's {@code llistxattr}, {@code lgetxattr} and {@code lsetxattr}, by JNA direct mapping: every namespace. */
final class NativeXattrs implements Xattrs {
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int EACCES = 13;
  private static final int ERANGE = 34;
  private static final int ENODATA = 61;
  private static final int ENOTSUP = 95;
  private static final Charset PATHS = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

  /** The direct-mapped libc functions; registered once by {@link #load}. */
  private static final class LibC {
    static native NativeLong llistxattr(byte[] path, byte[] list, NativeLong size) throws LastErrorException;

    static native NativeLong lgetxattr(byte[] path, byte[] name, byte[] value, NativeLong size)
        throws LastErrorException;

    static native int lsetxattr(byte[] path, byte[] name, byte[] value, NativeLong size, int flags)
        throws LastErrorException;
  }

  private NativeXattrs() {}

  /** Binds libc; throws (LinkageError, UnsupportedOperationException) where that is impossible. */
  static NativeXattrs load() {
    if (!Platform.isLinux()) {
      throw new UnsupportedOperationException("the xattr calls are bound on Linux only");
    }
    Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    return new NativeXattrs();
  }

  @Override
  public boolean reachesAllNamespaces() {
    return true;
  }

  @Override
  public List<String> list(Path path) throws IOException {
    byte[] p = cString(path.toString(), PATHS);
    while (true) {
      long size;
      byte[] buf;
      try {
        size = LibC.llistxattr(p, null, new NativeLong(0)).longValue();
        if (size == 0) {
          return List.of();
        }
        buf = new byte[(int) size];
        size = LibC.llistxattr(p, buf, new NativeLong(buf.length)).longValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ERANGE) {
          continue;
        }
        if (e.getErrorCode() == ENOTSUP) {
          return List.of();
        }
        throw failure(path, "list xattrs", e);
      }
      List<String> names = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < size; i++) {
        if (buf[i] == 0) {
          if (i > start) {
            names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
          }
          start = i + 1;
        }
      }
      names.sort(null);
      return names;
    }
  }

  @Override
  public Optional<byte[]> get(Path path, String name) throws IOException {
    byte[] p = cString(path.toString(), PATHS);
    byte[] n = cString(name, StandardCharsets.UTF_8);
    while (true) {
      try {
        long size = LibC.lgetxattr(p, n, null, new NativeLong(0)).longValue();
        byte[] value = new byte[(int) size];
        long read = size == 0 ? 0 : LibC.lgetxattr(p, n, value, new NativeLong(value.length)).longValue();
        return Optional.of(read == size ? value : Arrays.copyOf(value, (int) read));
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ERANGE) {
          continue;
        }
        if (e.getErrorCode() == ENODATA || e.getErrorCode() == ENOTSUP) {
          return Optional.empty();
        }
        throw failure(path, "read xattr " + name, e);
      }
    }
  }

  @Override
  public void set(Path path, String name, byte[] value) throws IOException {
    try {
      LibC.lsetxattr(cString(path.toString(), PATHS), cString(name, StandardCharsets.UTF_8), value,
          new NativeLong(value.length), 0);
    } catch (LastErrorException e) {
      switch (e.getErrorCode()) {
        case EPERM, EACCES -> throw XattrRefusedException.notPermitted(path, name);
        case ENOTSUP -> throw XattrRefusedException.unsupported(path, name, "not supported by the file system");
        default -> throw failure(path, "set xattr " + name, e);
      }
    }
  }

  private static IOException failure(Path path, String what, LastErrorException e) {
    if (e.getErrorCode() == ENOENT) {
      return new NoSuchFileException(path.toString());
    }
    return new IOException("cannot " + what + " on " + path + ": errno " + e.getErrorCode());
  }

  private static byte[] cString(String s, Charset charset) {
    byte[] b = s.getBytes(charset);
    return Arrays.copyOf(b, b.length + 1);
  }
}
