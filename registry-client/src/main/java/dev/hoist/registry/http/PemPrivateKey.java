package dev.hoist.registry.http;

import dev.hoist.oci.HoistException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted PEM private key with the JDK alone: PKCS#8 ({@code PRIVATE KEY}, RSA or
 * EC), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}); the last two are
 * wrapped into PKCS#8 first. Any other file is a {@link HoistException} naming it.
 */
final class PemPrivateKey {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
  private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
  private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

  private PemPrivateKey() {}

  static PrivateKey read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new HoistException("cannot read client key " + file + ": " + e.getMessage());
    }
    Matcher m = BLOCK.matcher(text);
    byte[] ecParameters = null;
    while (m.find()) {
      String type = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw unreadable(file, "bad base64");
      }
      if (type.equals("EC PARAMETERS")) {
        ecParameters = der;
        continue;
      }
      try {
        return switch (type) {
          case "PRIVATE KEY" -> pkcs8(der, file);
          case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(sequence(concat(new byte[] {2, 1, 0}, RSA_ALGORITHM, octets(der)))));
          case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(sequence(concat(new byte[] {2, 1, 0},
                  sequence(concat(EC_PUBLIC_KEY_OID, curve(der, ecParameters, file))), octets(der)))));
          case "ENCRYPTED PRIVATE KEY" -> throw unreadable(file, "it is encrypted; hoist needs an unencrypted key");
          default -> throw unreadable(file, "a PEM " + type + " is not a private key");
        };
      } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
        throw unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    throw unreadable(file, "no PEM private key in it");
  }

  private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw unreadable(file, "not an RSA, EC or Ed25519 PKCS#8 key");
  }

  /**
   * The named-curve OID (tag, length, value) in a SEC1 key's {@code [0]} parameters, else the
   * {@code EC PARAMETERS} block before it.
   */
  private static byte[] curve(byte[] sec1, byte[] ecParameters, Path file) {
    int[] seq = header(sec1, 0);
    int pos = seq[0];
    int end = seq[0] + seq[1];
    while (pos < end) {
      int[] h = header(sec1, pos);
      if ((sec1[pos] & 0xff) == 0xa0) {
        int[] oid = header(sec1, h[0]);
        return java.util.Arrays.copyOfRange(sec1, h[0], oid[0] + oid[1]);
      }
      pos = h[0] + h[1];
    }
    if (ecParameters != null && ecParameters.length > 2 && ecParameters[0] == 0x06) {
      return ecParameters;
    }
    throw unreadable(file, "the EC key names no curve");
  }

  /** {value offset, value length} of the DER element at {@code pos}. */
  private static int[] header(byte[] der, int pos) {
    int len = der[pos + 1] & 0xff;
    int at = pos + 2;
    if (len > 0x80) {
      int n = len & 0x7f;
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[at++] & 0xff);
      }
    }
    return new int[] {at, len};
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] octets(byte[] content) {
    return tlv(0x04, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }

  private static HoistException unreadable(Path file, String why) {
    return new HoistException("cannot use client key " + file + ": " + why);
  }
}
