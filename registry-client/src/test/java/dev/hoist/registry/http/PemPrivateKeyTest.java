package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import dev.hoist.registry.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM keys as tools write them, read with the JDK alone. */
class PemPrivateKeyTest {
  @TempDir Path dir;

  @Test
  void readsASec1EcKeyWithItsCurve() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ECPrivateKey key = (ECPrivateKey) g.generateKeyPair().getPrivate();
    byte[] d = new byte[32];
    byte[] s = key.getS().toByteArray();
    System.arraycopy(s, Math.max(0, s.length - 32), d, Math.max(0, 32 - s.length), Math.min(32, s.length));
    // SEC1 as openssl writes it: SEQUENCE { 1, OCTET STRING d, [0] { OID prime256v1 } }
    byte[] sec1 = concat(HexFormat.of().parseHex("3031020101" + "0420"), d, HexFormat.of().parseHex("a00a06082a8648ce3d030107"));
    Path file = dir.resolve("ec.key");
    Files.writeString(file, "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(sec1)
        + "\n-----END EC PRIVATE KEY-----\n");
    ECPrivateKey read = (ECPrivateKey) PemPrivateKey.read(file);
    assertThat(read.getS()).isEqualTo(key.getS());
  }

  @Test
  void readsACurvelessEcKeyAfterItsParameters() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ECPrivateKey key = (ECPrivateKey) g.generateKeyPair().getPrivate();
    Path file = dir.resolve("ec.key");
    TestPki.writePem(file, key);
    String pem = Files.readString(file);
    assertThat(pem).contains("BEGIN EC PRIVATE KEY");
    Files.writeString(file, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + pem);
    assertThat(((ECPrivateKey) PemPrivateKey.read(file)).getS()).isEqualTo(key.getS());
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void refusesAnEncryptedKeyNamingTheFile() throws Exception {
    Path file = dir.resolve("enc.key");
    Files.writeString(file, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemPrivateKey.read(file)).isInstanceOf(HoistException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("encrypted");
  }
}
