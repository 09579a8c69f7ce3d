package dev.hoist.cache.extract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes tar headers with any name, as an attacker would: no normalisation at all. Test-only. */
final class RawTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RawTar file(String name, String content) {
    byte[] c = content.getBytes(StandardCharsets.UTF_8);
    header(name, '0', c.length, "", 0644);
    data(c);
    return this;
  }

  RawTar dir(String name) {
    header(name, '5', 0, "", 0755);
    return this;
  }

  RawTar symlink(String name, String target) {
    header(name, '2', 0, target, 0777);
    return this;
  }

  RawTar hardlink(String name, String target) {
    header(name, '1', 0, target, 0644);
    return this;
  }

  /** A PAX header whose {@code path} record overrides the next entry's name. */
  RawTar paxPath(String path) {
    byte[] key = ("path=" + path + "\n").getBytes(StandardCharsets.UTF_8);
    int len = key.length + 3;
    len = key.length + 1 + Integer.toString(len).length();
    byte[] rec = (len + " " + "path=" + path + "\n").getBytes(StandardCharsets.UTF_8);
    header("PaxHeaders/x", 'x', rec.length, "", 0644);
    data(rec);
    return this;
  }

  /** A GNU long-name header for the next entry. */
  RawTar gnuLongName(String name) {
    byte[] b = (name + "\0").getBytes(StandardCharsets.UTF_8);
    header("././@LongLink", 'L', b.length, "", 0644);
    data(b);
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  private void data(byte[] c) {
    out.writeBytes(c);
    out.writeBytes(new byte[(512 - c.length % 512) % 512]);
  }

  private void header(String name, char type, long size, String link, int mode) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, String.format("%07o", mode));
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", 1_600_000_000L));
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    h[263] = '0';
    h[264] = '0';
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 7, String.format("%06o", sum));
    out.writeBytes(h);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len));
  }
}
