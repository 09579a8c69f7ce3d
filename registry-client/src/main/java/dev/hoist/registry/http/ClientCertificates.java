package dev.hoist.registry.http;

import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * TLS client certificates laid out like Docker's {@code certs.d}: {@code DIR/HOST:PORT/NAME.cert}
 * (PEM chain) with its key in {@code NAME.key} beside it (PEM; see {@link PemPrivateKey}).
 */
final class ClientCertificates {
  private ClientCertificates() {}

  /** The {@code .cert} files for {@code hostPort} under each of {@code certsDirs}, in order. */
  static List<Path> find(String hostPort, List<Path> certsDirs) {
    return TlsContexts.hostFiles(hostPort, certsDirs, ".cert", "certificate");
  }

  /** Key managers offering every certificate in {@code certFiles} with its key. */
  static KeyManager[] keyManagers(List<Path> certFiles) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int i = 0;
      for (Path cert : certFiles) {
        String name = cert.getFileName().toString();
        Path keyFile = cert.resolveSibling(name.substring(0, name.length() - ".cert".length()) + ".key");
        if (!Files.isRegularFile(keyFile)) {
          throw new HoistException("client certificate " + cert + " has no key " + keyFile.getFileName() + " beside it");
        }
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(cert)) {
          chain = new ArrayList<>(cf.generateCertificates(in));
        } catch (IOException | CertificateException e) {
          throw new HoistException("cannot read client certificate " + cert + ": " + e.getMessage());
        }
        if (chain.isEmpty()) {
          throw new HoistException("cannot read client certificate " + cert + ": no certificate in it");
        }
        PrivateKey key = PemPrivateKey.read(keyFile);
        try {
          store.setKeyEntry("client-" + i++, key, password, chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
          throw new HoistException("client key " + keyFile + " does not fit " + cert + ": " + e.getMessage());
        }
      }
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(store, password);
      return f.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up client certificates", e);
    }
  }
}
