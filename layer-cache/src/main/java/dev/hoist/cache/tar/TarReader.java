package dev.hoist.cache.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads ustar, PAX ({@code x} and {@code g}) and GNU long-name ({@code L}/{@code K}) archives as a
 * sequence of {@link TarEntry} with a bounded content stream. Extended attributes come from {@code
 * SCHILY.xattr.*} records as raw bytes, which is why hoist reads tar itself: commons-compress
 * decodes PAX values as UTF-8 and mangles binary {@code security.capability}. GNU sparse files are
 * refused with a clear error.
 */
public final class TarReader implements AutoCloseable {
  private final InputStream in;
  private final Map<String, byte[]> globalPax = new HashMap<>();
  private long remaining;
  private long padding;
  private long entries;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or empty at the end of the archive; skips what is left of the previous one. */
  public Optional<TarEntry> next() throws IOException {
    skipRest();
    Map<String, byte[]> pax = new HashMap<>(globalPax);
    String longName = null;
    String longLink = null;
    while (true) {
      byte[] h = new byte[TarWriter.BLOCK];
      if (!readBlock(h)) {
        return Optional.empty();
      }
      if (isZero(h)) {
        return Optional.empty();
      }
      verifyChecksum(h);
      char type = (char) h[156];
      long size = number(h, 124, 12);
      switch (type) {
        case 'x', 'g' -> {
          Map<String, byte[]> records = parsePax(readContent(size));
          if (type == 'g') {
            globalPax.putAll(records);
          }
          pax.putAll(records);
          continue;
        }
        case 'L' -> {
          longName = cString(readContent(size));
          continue;
        }
        case 'K' -> {
          longLink = cString(readContent(size));
          continue;
        }
        case 'S' -> throw new TarFormatException("entry " + field(h, 0, 100) + ": GNU sparse files are not supported");
        default -> { }
      }
      entries++;
      return Optional.of(entry(h, type, size, pax, longName, longLink));
    }
  }

  /** The content of the current file entry, ending at its size. Closing it does not close the archive. */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new TarFormatException("tar archive truncated inside an entry");
        }
        remaining -= n;
        return n;
      }
    };
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private TarEntry entry(byte[] h, char type, long headerSize, Map<String, byte[]> pax, String longName, String longLink)
      throws IOException {
    String name = field(h, 0, 100);
    boolean ustar = field(h, 257, 6).startsWith("ustar");
    if (ustar && h[345] != 0 && !field(h, 257, 8).equals("ustar  ")) {
      name = field(h, 345, 155) + "/" + name;
    }
    if (longName != null) {
      name = longName;
    }
    String link = longLink != null ? longLink : field(h, 157, 100);
    long size = headerSize;
    long uid = number(h, 108, 8);
    long gid = number(h, 116, 8);
    long mtime = number(h, 136, 12);
    String uname = field(h, 265, 32);
    String gname = field(h, 297, 32);
    Map<String, byte[]> xattrs = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : pax.entrySet()) {
      String k = e.getKey();
      String v = new String(e.getValue(), StandardCharsets.UTF_8);
      switch (k) {
        case "path" -> name = v;
        case "linkpath" -> link = v;
        case "size" -> size = parseLong(k, v);
        case "uid" -> uid = parseLong(k, v);
        case "gid" -> gid = parseLong(k, v);
        case "uname" -> uname = v;
        case "gname" -> gname = v;
        case "mtime" -> mtime = parseLong(k, v.contains(".") ? v.substring(0, v.indexOf('.')) : v);
        default -> {
          if (k.startsWith("SCHILY.xattr.")) {
            xattrs.put(k.substring("SCHILY.xattr.".length()), e.getValue());
          } else if (k.startsWith("GNU.sparse.")) {
            throw new TarFormatException("entry " + name + ": GNU sparse files are not supported");
          }
        }
      }
    }
    EntryType et = switch (type) {
      case '0', '\0', '7' -> name.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
      case '1' -> EntryType.HARDLINK;
      case '2' -> EntryType.SYMLINK;
      case '3' -> EntryType.CHAR_DEVICE;
      case '4' -> EntryType.BLOCK_DEVICE;
      case '5' -> EntryType.DIRECTORY;
      case '6' -> EntryType.FIFO;
      default -> throw new TarFormatException("entry " + name + ": unsupported tar entry type '" + type + "'");
    };
    int major = (int) number(h, 329, 8);
    int minor = (int) number(h, 337, 8);
    long contentSize = et == EntryType.FILE ? size : 0;
    remaining = size;
    padding = TarWriter.pad(size);
    if (et != EntryType.FILE) {
      skipRest();
    }
    return new TarEntry(name, et, (int) (number(h, 100, 8) & 07777), uid, gid, uname, gname, contentSize, mtime,
        link, major, minor, xattrs);
  }

  private void skipRest() throws IOException {
    long toSkip = remaining + padding;
    remaining = 0;
    padding = 0;
    skipFully(toSkip);
  }

  private void skipFully(long n) throws IOException {
    while (n > 0) {
      long s = in.skip(n);
      if (s <= 0) {
        break;
      }
      n -= s;
    }
    byte[] buffer = new byte[8192];
    while (n > 0) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
      if (r < 0) {
        throw new TarFormatException("tar archive truncated");
      }
      n -= r;
    }
  }

  private byte[] readContent(long size) throws IOException {
    if (size > 16L * 1024 * 1024) {
      throw new TarFormatException("tar extended header of " + size + " bytes is too large");
    }
    byte[] b = new byte[(int) size];
    readFully(b);
    skipFully(TarWriter.pad(size));
    return b;
  }

  private boolean readBlock(byte[] h) throws IOException {
    int off = 0;
    while (off < h.length) {
      int n = in.read(h, off, h.length - off);
      if (n < 0) {
        if (off == 0 && entries >= 0) {
          return false;
        }
        throw new TarFormatException("tar archive truncated inside a header");
      }
      off += n;
    }
    return true;
  }

  private void readFully(byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int n = in.read(b, off, b.length - off);
      if (n < 0) {
        throw new EOFException("tar archive truncated");
      }
      off += n;
    }
  }

  private static Map<String, byte[]> parsePax(byte[] data) {
    Map<String, byte[]> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new TarFormatException("malformed PAX record length");
      }
      int end = pos + len;
      if (len <= 0 || end > data.length || data[end - 1] != '\n') {
        throw new TarFormatException("malformed PAX record");
      }
      int eq = space + 1;
      while (eq < end && data[eq] != '=') {
        eq++;
      }
      if (eq >= end) {
        throw new TarFormatException("malformed PAX record without '='");
      }
      String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
      records.put(key, value);
      pos = end;
    }
    return records;
  }

  private static void verifyChecksum(byte[] h) {
    long stored = number(h, 148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < h.length; i++) {
      int b = i >= 148 && i < 156 ? ' ' : h[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    if (stored != unsigned && stored != signed) {
      throw new TarFormatException("not a tar archive, or corrupt header (checksum mismatch)");
    }
  }

  static long number(byte[] h, int off, int len) {
    if ((h[off] & 0x80) != 0) {
      long v = h[off] & 0x3f;
      if ((h[off] & 0x40) != 0) {
        throw new TarFormatException("negative base-256 number in tar header");
      }
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    int i = off;
    int end = off + len;
    while (i < end && (h[i] == ' ' || h[i] == 0)) {
      i++;
    }
    for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
      v = (v << 3) + (h[i] - '0');
    }
    return v;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] b) {
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TarFormatException("malformed PAX " + key + " value '" + value + "'");
    }
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
