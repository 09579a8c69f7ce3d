package dev.hoist.registry.http;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that builds the real one on first use. A client that only ever speaks
 * plain http (a loopback registry) then loads none of the JDK's TLS machinery, which is a
 * noticeable part of a short CLI run.
 */
final class LazySslContext extends SSLContext {
  LazySslContext(Supplier<SSLContext> factory) {
    super(new Spi(factory), Security.getProvider("SunJSSE"), "TLS");
  }

  /** Builds a context with the given key managers (null: none), trust managers and default randomness. */
  static SSLContext of(Supplier<KeyManager[]> keys, Supplier<TrustManager[]> trust) {
    return new LazySslContext(() -> {
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys.get(), trust.get(), null);
        return ctx;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS", e);
      }
    });
  }

  private static final class Spi extends SSLContextSpi {
    private final Supplier<SSLContext> factory;
    private volatile SSLContext real;

    Spi(Supplier<SSLContext> factory) {
      this.factory = factory;
    }

    private SSLContext real() {
      SSLContext r = real;
      if (r == null) {
        synchronized (this) {
          r = real;
          if (r == null) {
            r = factory.get();
            real = r;
          }
        }
      }
      return r;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
      throw new KeyManagementException("this context is initialised on first use");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return real().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return real().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return real().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return real().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return real().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return real().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return real().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return real().getSupportedSSLParameters();
    }
  }
}
