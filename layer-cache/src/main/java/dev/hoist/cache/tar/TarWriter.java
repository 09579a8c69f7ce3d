package dev.hoist.cache.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small, byte-deterministic ustar/PAX writer. A PAX extended header ({@code x}) is written only
 * when ustar cannot hold a value: names or link targets longer than 100 bytes or not ASCII, ids
 * above 07777777, sizes above 8 GiB, times out of range, and extended attributes (as {@code
 * SCHILY.xattr.*}, binary-safe). Records are sorted by key. No atime/ctime is ever written.
 */
public final class TarWriter implements AutoCloseable {
  public static final int BLOCK = 512;
  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  private final OutputStream out;
  private long remaining;
  private long padding;
  private boolean closed;

  public TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code entry}'s header; for a file, exactly {@code entry.size()} bytes must follow via {@link #content}. */
  public void putEntry(TarEntry entry) throws IOException {
    if (remaining != 0) {
      throw new IllegalStateException(remaining + " content bytes missing before " + entry.name());
    }
    String name = entry.type() == EntryType.DIRECTORY && !entry.name().isEmpty() ? entry.name() + "/" : entry.name();
    if (name.isEmpty()) {
      name = "./";
    }
    Map<String, byte[]> pax = new TreeMap<>();
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100 || !isAscii(name)) {
      pax.put("path", nameBytes);
    }
    byte[] linkBytes = entry.linkName().getBytes(StandardCharsets.UTF_8);
    if (linkBytes.length > 100 || !isAscii(entry.linkName())) {
      pax.put("linkpath", linkBytes);
    }
    if (entry.uid() > MAX_OCTAL_7 || entry.uid() < 0) {
      pax.put("uid", ascii(Long.toString(entry.uid())));
    }
    if (entry.gid() > MAX_OCTAL_7 || entry.gid() < 0) {
      pax.put("gid", ascii(Long.toString(entry.gid())));
    }
    if (entry.size() > MAX_OCTAL_11) {
      pax.put("size", ascii(Long.toString(entry.size())));
    }
    if (entry.mtime() > MAX_OCTAL_11 || entry.mtime() < 0) {
      pax.put("mtime", ascii(Long.toString(entry.mtime())));
    }
    if (entry.uname().length() > 32 || !isAscii(entry.uname())) {
      pax.put("uname", entry.uname().getBytes(StandardCharsets.UTF_8));
    }
    if (entry.gname().length() > 32 || !isAscii(entry.gname())) {
      pax.put("gname", entry.gname().getBytes(StandardCharsets.UTF_8));
    }
    entry.xattrs().forEach((k, v) -> pax.put("SCHILY.xattr." + k, v));
    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      String paxName = "PaxHeaders.0/" + truncate(entry.baseName(), 80);
      out.write(header(paxName, 'x', 0644, 0, 0, "", "", records.length, clampOctal(entry.mtime()), "", 0, 0));
      out.write(records);
      out.write(new byte[pad(records.length)]);
    }
    out.write(header(truncate(name, 100), entry.type().flag(), entry.mode(), clamp7(entry.uid()), clamp7(entry.gid()),
        truncate(entry.uname(), 32), truncate(entry.gname(), 32), entry.size() > MAX_OCTAL_11 ? 0 : entry.size(),
        clampOctal(entry.mtime()), truncate(entry.linkName(), 100), entry.devMajor(), entry.devMinor()));
    remaining = entry.size();
    padding = pad(entry.size());
  }

  /**
   * {@code entry}'s header as one ustar block, for a writer that reserves a block, streams content
   * of a size it learns only at the end, then writes this block over the reserved one. A size beyond
   * ustar's octal range is written base-256 (the GNU form every tar reader of note accepts) rather
   * than as a PAX record, so the layout never depends on the size; an entry that would need any
   * other PAX record is refused.
   */
  public static byte[] singleBlockHeader(TarEntry entry) {
    String name = entry.name();
    boolean fits = name.getBytes(StandardCharsets.UTF_8).length <= 100 && isAscii(name)
        && entry.linkName().length() <= 100 && isAscii(entry.linkName())
        && entry.uid() >= 0 && entry.uid() <= MAX_OCTAL_7 && entry.gid() >= 0 && entry.gid() <= MAX_OCTAL_7
        && entry.mtime() >= 0 && entry.mtime() <= MAX_OCTAL_11 && entry.xattrs().isEmpty()
        && entry.uname().length() <= 32 && isAscii(entry.uname())
        && entry.gname().length() <= 32 && isAscii(entry.gname());
    if (!fits || entry.type() == EntryType.DIRECTORY) {
      throw new IllegalArgumentException("entry " + name + " does not fit one ustar header block");
    }
    byte[] h = header(name, entry.type().flag(), entry.mode(), entry.uid(), entry.gid(), entry.uname(), entry.gname(),
        entry.size() > MAX_OCTAL_11 ? 0 : entry.size(), entry.mtime(), entry.linkName(), entry.devMajor(),
        entry.devMinor());
    if (entry.size() > MAX_OCTAL_11) {
      Arrays.fill(h, 124, 136, (byte) 0);
      h[124] = (byte) 0x80;
      long size = entry.size();
      for (int i = 135; i > 124; i--, size >>>= 8) {
        h[i] = (byte) size;
      }
      checksum(h);
    }
    return h;
  }

  /** The zero bytes that pad content of {@code size} bytes to a whole block. */
  public static int padding(long size) {
    return pad(size);
  }

  /** Writes content bytes of the current file entry. */
  public void content(byte[] b, int off, int len) throws IOException {
    if (len > remaining) {
      throw new IllegalStateException("more content than the entry's size");
    }
    out.write(b, off, len);
    remaining -= len;
    if (remaining == 0 && padding > 0) {
      out.write(new byte[(int) padding]);
      padding = 0;
    }
  }

  /** Copies exactly the current entry's size from {@code in}; fails if it ends early. */
  public void content(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new IOException("content ended " + remaining + " bytes before the entry's size");
      }
      content(buffer, 0, n);
    }
  }

  /** Writes the end-of-archive marker (two zero blocks); does not close the underlying stream. */
  public void finish() throws IOException {
    if (closed) {
      return;
    }
    if (remaining != 0) {
      throw new IllegalStateException(remaining + " content bytes missing at end of archive");
    }
    out.write(new byte[2 * BLOCK]);
    out.flush();
    closed = true;
  }

  @Override
  public void close() throws IOException {
    finish();
  }

  private static byte[] paxRecords(Map<String, byte[]> pax) throws IOException {
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : pax.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      int body = 1 + key.length + 1 + e.getValue().length + 1;
      int len = body + Integer.toString(body).length();
      if (Integer.toString(len).length() != Integer.toString(body).length()) {
        len++;
      }
      records.write(ascii(len + " "));
      records.write(key);
      records.write('=');
      records.write(e.getValue());
      records.write('\n');
    }
    return records.toByteArray();
  }

  private static byte[] header(String name, char type, int mode, long uid, long gid, String uname, String gname,
      long size, long mtime, String link, int major, int minor) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name);
    octal(h, 100, 8, mode & 07777);
    octal(h, 108, 8, uid);
    octal(h, 116, 8, gid);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    h[263] = '0';
    h[264] = '0';
    put(h, 265, 32, uname);
    put(h, 297, 32, gname);
    if (type == EntryType.CHAR_DEVICE.flag() || type == EntryType.BLOCK_DEVICE.flag()) {
      octal(h, 329, 8, major);
      octal(h, 337, 8, minor);
    }
    checksum(h);
    return h;
  }

  private static void checksum(byte[] h) {
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 6, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    int digits = len - 1;
    StringBuilder sb = new StringBuilder();
    for (int i = s.length(); i < digits; i++) {
      sb.append('0');
    }
    put(h, off, digits, sb.append(s).toString());
  }

  private static long clamp7(long id) {
    return id < 0 || id > MAX_OCTAL_7 ? 0 : id;
  }

  private static long clampOctal(long v) {
    return v < 0 || v > MAX_OCTAL_11 ? 0 : v;
  }

  static int pad(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80 || s.charAt(i) == 0) {
        return false;
      }
    }
    return true;
  }

  private static String truncate(String s, int maxBytes) {
    if (isAscii(s)) {
      return s.length() <= maxBytes ? s : s.substring(0, maxBytes);
    }
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c < 0x80 && c != 0 && sb.length() < maxBytes) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
