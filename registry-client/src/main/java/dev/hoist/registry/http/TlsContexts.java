package dev.hoist.registry.http;

import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS settings for one registry: the system trust store plus the CA files Docker's {@code certs.d}
 * layout names ({@code DIR/HOST:PORT/*.crt}), or no verification at all for an insecure registry.
 */
public final class TlsContexts {
  private static final int PROBE_TIMEOUT_MS = 5_000;
  private TlsContexts() {}

  /** The CA files for {@code hostPort} under each of {@code certsDirs}, in order. */
  public static List<Path> caFiles(String hostPort, List<Path> certsDirs) {
    return hostFiles(hostPort, certsDirs, ".crt", "CA");
  }

  /** The files ending in {@code suffix} in the {@code hostPort} folder of each of {@code certsDirs}, in order. */
  static List<Path> hostFiles(String hostPort, List<Path> certsDirs, String suffix, String what) {
    List<Path> found = new ArrayList<>();
    for (Path dir : certsDirs) {
      Path hostDir = dir.resolve(hostPort);
      if (!Files.isDirectory(hostDir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(hostDir)) {
        files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(found::add);
      } catch (IOException e) {
        throw new HoistException("cannot read " + what + " folder " + hostDir + ": " + e.getMessage());
      }
    }
    return found;
  }

  /**
   * A context trusting the system CAs and every certificate in {@code caFiles}. The trust stores
   * are loaded on the first handshake, so a client that only speaks plain http never pays for it.
   */
  public static SSLContext trusting(List<Path> caFiles) {
    return trusting(caFiles, List.of());
  }

  /** Like {@link #trusting(List)}, offering the client certificates {@code certFiles} (with their keys). */
  public static SSLContext trusting(List<Path> caFiles, List<Path> certFiles) {
    return LazySslContext.of(() -> keys(certFiles),
        () -> new TrustManager[] {new LazyTrustManager(() -> load(caFiles))});
  }

  private static KeyManager[] keys(List<Path> certFiles) {
    return certFiles.isEmpty() ? null : ClientCertificates.keyManagers(certFiles);
  }

  private static X509ExtendedTrustManager load(List<Path> caFiles) {
    try {
      X509ExtendedTrustManager system = trustManager(null);
      if (caFiles.isEmpty()) {
        return system;
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int i = 0;
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Path file : caFiles) {
        try (InputStream in = Files.newInputStream(file)) {
          for (Certificate c : cf.generateCertificates(in)) {
            extra.setCertificateEntry("ca-" + i++, c);
          }
        } catch (IOException | CertificateException e) {
          throw new HoistException("cannot read CA file " + file + ": " + e.getMessage());
        }
      }
      return new EitherTrustManager(trustManager(extra), system);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load trust stores", e);
    }
  }

  /** A context that accepts any server certificate: for {@code --insecure-registry} only. */
  public static SSLContext unverified() {
    return unverified(List.of());
  }

  /** Like {@link #unverified()}, offering the client certificates {@code certFiles}. */
  public static SSLContext unverified(List<Path> certFiles) {
    return LazySslContext.of(() -> keys(certFiles), () -> new TrustManager[] {new AcceptAll()});
  }

  /**
   * Whether the TLS server at {@code hostPort} asks for a client certificate, found by one handshake
   * offering none (for an error message: in TLS 1.3 a server refuses a client without one only after
   * the handshake, and the client may see no more than a write that failed).
   */
  static boolean asksForClientCertificate(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String hostName = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port = colon < 0 ? 443 : Integer.parseInt(hostPort.substring(colon + 1));
    boolean[] asked = {false};
    X509ExtendedKeyManager none = new X509ExtendedKeyManager() {
      @Override
      public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
        asked[0] = true;
        return null;
      }

      @Override
      public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) {
        asked[0] = true;
        return null;
      }

      @Override
      public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
        return null;
      }

      @Override
      public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
        return null;
      }

      @Override
      public X509Certificate[] getCertificateChain(String alias) {
        return null;
      }

      @Override
      public java.security.PrivateKey getPrivateKey(String alias) {
        return null;
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {none}, new TrustManager[] {new AcceptAll()}, null);
      try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(hostName, port), PROBE_TIMEOUT_MS);
        socket.setSoTimeout(PROBE_TIMEOUT_MS);
        socket.startHandshake();
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // a server that wants a certificate may end the handshake over it; what it asked is recorded
    }
    return asked[0];
  }

  private static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** Builds its delegate on first use. */
  private static final class LazyTrustManager extends ServerTrustManager {
    private final java.util.function.Supplier<X509ExtendedTrustManager> loader;
    private volatile X509ExtendedTrustManager delegate;

    LazyTrustManager(java.util.function.Supplier<X509ExtendedTrustManager> loader) {
      this.loader = loader;
    }

    private X509ExtendedTrustManager delegate() {
      X509ExtendedTrustManager d = delegate;
      if (d == null) {
        synchronized (this) {
          d = delegate;
          if (d == null) {
            d = loader.get();
            delegate = d;
          }
        }
      }
      return d;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate().getAcceptedIssuers();
    }
  }

  /**
   * Trusts a chain that either of two trust managers trusts (hostname checks included); when both
   * refuse, the first one's reason (the configured CA's) is reported.
   */
  private static final class EitherTrustManager extends ServerTrustManager {
    private final X509ExtendedTrustManager first;
    private final X509ExtendedTrustManager second;

    EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType));
    }

    private void either(Check check) throws CertificateException {
      try {
        check.on(first);
      } catch (CertificateException e) {
        try {
          check.on(second);
        } catch (CertificateException e2) {
          e.addSuppressed(e2);
          throw e;
        }
      }
    }

    private interface Check {
      void on(X509ExtendedTrustManager tm) throws CertificateException;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(X509Certificate[]::new);
    }
  }

  /** Accepts every chain and every host name (an extended manager, so the JDK adds no host check). */
  private static final class AcceptAll extends ServerTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** A trust manager for a TLS client: it checks servers and refuses to judge clients. */
  private abstract static class ServerTrustManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("hoist is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("hoist is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("hoist is never a TLS server");
    }
  }
}
