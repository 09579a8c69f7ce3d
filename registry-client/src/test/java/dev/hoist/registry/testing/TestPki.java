package dev.hoist.registry.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made with Bouncy Castle: a CA and leaf certificates it signs. */
public final class TestPki {
  private final KeyPair caKeys;
  private final X509Certificate caCert;

  /** A certificate and its private key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  public TestPki(String caName) {
    try {
      caKeys = rsa();
      X500Name name = new X500Name("CN=" + caName);
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(2, ChronoUnit.DAYS)), name, caKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      caCert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make test CA", e);
    }
  }

  static KeyPair rsa() throws NoSuchAlgorithmException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  public X509Certificate caCertificate() {
    return caCert;
  }

  /** A leaf certificate for {@code cn}, valid for the given DNS names and IP addresses. */
  public Issued issue(String cn, String... sans) {
    try {
      KeyPair keys = rsa();
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert,
          BigInteger.valueOf(now.toEpochMilli() + 1), Date.from(now.minus(1, ChronoUnit.DAYS)),
          Date.from(now.plus(2, ChronoUnit.DAYS)), new X500Name("CN=" + cn), keys.getPublic());
      if (sans.length > 0) {
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
          names[i] = new GeneralName(sans[i].matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, sans[i]);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
      return new Issued(cert, keys);
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue test certificate", e);
    }
  }

  /** Writes an object (certificate or key) as PEM. */
  public static void writePem(Path file, Object... objects) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      for (Object o : objects) {
        w.writeObject(o);
      }
    }
    Files.writeString(file, sw.toString());
  }
}
