package dev.hoist.registry.testing;

import dev.hoist.registry.RegistryClient;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.Environment;
import dev.hoist.registry.auth.Credential;
import dev.hoist.registry.auth.CredentialStore;
import dev.hoist.registry.http.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry for tests: the Debian {@code docker-registry} (distribution 2.8) serving a temp
 * folder on a free loopback port, with deletes enabled. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
 * ... registry.hostPort()  registry.client()  registry.pushRandomImage("app", "v1", 1024, 2048)
 * }</pre>
 *
 * <p>Variants: {@link #plain()} (http, anonymous), {@link #tls()} (https with a Bouncy Castle
 * CA, anonymous; {@link #certsDir()} is a {@code certs.d} root trusting it, {@link #trustIn(Path)}
 * adds the CA to a test's own), {@link
 * #tlsWithBasicAuth()} (the same with htpasswd bcrypt users) and {@link #bearerAuth()} (a {@link
 * TokenServer} signs JWTs the registry trusts). {@link #clientConfig()} returns a {@link
 * RegistryConfig} with the CA and credentials set. Outside JUnit, call {@link #start()} and {@link
 * #stop()}. If {@code /usr/bin/docker-registry} is missing, the tests are skipped with a printed
 * reason.
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {
  public static final String BINARY = "/usr/bin/docker-registry";
  public static final String USER = "hoist";
  public static final String PASSWORD = "s3cret-Pa55";
  /** A name the TLS certificates also hold, for reaching the registry through {@link ForwardProxy}. */
  public static final String PROXIED_HOST = "registry.hoist.test";

  private enum Kind { PLAIN, TLS, TLS_BASIC, TLS_WRONG_NAME, TLS_CLIENT_CERT, BEARER }

  private final Kind kind;
  private Path dir;
  private int port;
  private Process process;
  private TokenServer tokenServer;
  private Path certsDir;
  private TestPki.Issued clientCertificate;

  private RegistryExtension(Kind kind) {
    this.kind = kind;
  }

  /** Plain http, no authentication. */
  public static RegistryExtension plain() {
    return new RegistryExtension(Kind.PLAIN);
  }

  /**
   * https with a test CA, no authentication. Clients trust the CA only through {@link
   * #certsDir()}; without it they must refuse the registry unless it is marked insecure.
   */
  public static RegistryExtension tls() {
    return new RegistryExtension(Kind.TLS);
  }

  /** https with a test CA, Basic auth ({@link #USER}/{@link #PASSWORD}) checked against bcrypt htpasswd. */
  public static RegistryExtension tlsWithBasicAuth() {
    return new RegistryExtension(Kind.TLS_BASIC);
  }

  /** Like {@link #tlsWithBasicAuth()}, but the certificate names another host: clients must refuse it. */
  public static RegistryExtension tlsWithWrongHostname() {
    return new RegistryExtension(Kind.TLS_WRONG_NAME);
  }

  /**
   * https with a test CA that requires a client certificate signed by the same CA ({@link
   * #clientCertificate()}); {@link #certsDir()} holds only the CA, the test adds the certificate.
   */
  public static RegistryExtension tlsWithClientCertificates() {
    return new RegistryExtension(Kind.TLS_CLIENT_CERT);
  }

  /** The client certificate a {@link #tlsWithClientCertificates()} registry accepts. */
  public TestPki.Issued clientCertificate() {
    return clientCertificate;
  }

  /** Plain http, Bearer token auth through a test token server ({@link #USER}/{@link #PASSWORD}). */
  public static RegistryExtension bearerAuth() {
    return new RegistryExtension(Kind.BEARER);
  }

  /** Whether the registry binary is installed. */
  public static boolean available() {
    return Files.isExecutable(Path.of(BINARY));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!available()) {
      String reason = BINARY + " is not installed (apt-get install docker-registry); skipping registry tests";
      System.out.println("SKIPPED " + context.getDisplayName() + ": " + reason);
      Assumptions.assumeTrue(false, reason);
    }
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Starts the registry (and token server); blocks until it answers. */
  public void start() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("hoist-registry-");
    port = freePort();
    Path storage = Files.createDirectories(dir.resolve("storage"));
    StringBuilder cfg = new StringBuilder();
    cfg.append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
        .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
        .append("  secret: hoist-test-secret\n");
    if (kind == Kind.TLS || kind == Kind.TLS_BASIC || kind == Kind.TLS_WRONG_NAME || kind == Kind.TLS_CLIENT_CERT) {
      TestPki pki = new TestPki("hoist test CA");
      TestPki.Issued server = kind != Kind.TLS_WRONG_NAME
          ? pki.issue("127.0.0.1", "127.0.0.1", "localhost", PROXIED_HOST) : pki.issue("wrong.example", "wrong.example");
      TestPki.writePem(dir.resolve("server.crt"), server.certificate());
      TestPki.writePem(dir.resolve("server.key"), server.keys().getPrivate());
      certsDir = Files.createDirectories(dir.resolve("certs.d"));
      Path hostDir = Files.createDirectories(certsDir.resolve(hostPort()));
      TestPki.writePem(hostDir.resolve("ca.crt"), pki.caCertificate());
      cfg.append("  tls:\n    certificate: ").append(dir.resolve("server.crt"))
          .append("\n    key: ").append(dir.resolve("server.key")).append('\n');
      if (kind == Kind.TLS_CLIENT_CERT) {
        TestPki.writePem(dir.resolve("client-ca.crt"), pki.caCertificate());
        cfg.append("    clientcas:\n      - ").append(dir.resolve("client-ca.crt")).append('\n');
        clientCertificate = pki.issue("hoist test client");
      }
    }
    if (kind == Kind.TLS_BASIC || kind == Kind.TLS_WRONG_NAME) {
      String hash = OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), new java.security.SecureRandom().generateSeed(16), 5);
      Files.writeString(dir.resolve("htpasswd"), USER + ":" + hash + "\n");
      cfg.append("auth:\n  htpasswd:\n    realm: hoist-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
    } else if (kind == Kind.BEARER) {
      TestPki pki = new TestPki("hoist token CA");
      TestPki.Issued signer = pki.issue("hoist token signer");
      TestPki.writePem(dir.resolve("token-ca.crt"), pki.caCertificate());
      tokenServer = new TokenServer(signer, USER, PASSWORD);
      cfg.append("auth:\n  token:\n    realm: ").append(tokenServer.realm())
          .append("\n    service: ").append(TokenServer.SERVICE)
          .append("\n    issuer: ").append(TokenServer.ISSUER)
          .append("\n    rootcertbundle: ").append(dir.resolve("token-ca.crt")).append('\n');
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, cfg.toString());
    ProcessBuilder pb = new ProcessBuilder(BINARY, "serve", config.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("registry.log").toFile());
    process = pb.start();
    awaitPort();
  }

  private void awaitPort() throws IOException, InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + log());
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (s.isConnected()) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("docker-registry did not listen on port " + port + ": " + log());
  }

  /** The registry's log so far. */
  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Stops the registry and deletes its files. */
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (tokenServer != null) {
      tokenServer.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp folder left behind is harmless
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** {@link #PROXIED_HOST} with this registry's port: the name a {@link ForwardProxy} reaches it by. */
  public String proxiedHostPort() {
    return PROXIED_HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** The registry's storage root (to tamper with blobs in tests). */
  public Path storageDir() {
    return dir.resolve("storage");
  }

  /** The {@code certs.d} root trusting this registry's CA (TLS variant only). */
  public Optional<Path> certsDir() {
    return Optional.ofNullable(certsDir);
  }

  /**
   * Makes {@code certsD} (a {@code certs.d} root, created if missing) trust this registry's CA
   * under {@link #hostPort()}, as {@code certsD/127.0.0.1:PORT/ca.crt}; returns that host folder.
   */
  public Path trustIn(Path certsD) throws IOException {
    return trustIn(certsD, hostPort());
  }

  /**
   * Makes {@code certsD} trust this registry's CA under {@code host} (e.g. {@link #PROXIED_HOST}
   * with {@link #port()}), as {@code certsD/HOST/ca.crt}; returns that host folder. TLS variants only.
   */
  public Path trustIn(Path certsD, String host) throws IOException {
    Path ca = certsDir().orElseThrow(() -> new IllegalStateException("a plain http registry has no CA"))
        .resolve(hostPort()).resolve("ca.crt");
    Path hostDir = Files.createDirectories(certsD.resolve(host));
    Files.copy(ca, hostDir.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
    return hostDir;
  }

  public Optional<TokenServer> tokenServer() {
    return Optional.ofNullable(tokenServer);
  }

  /** Whether the registry wants credentials. */
  public boolean requiresAuth() {
    return kind != Kind.PLAIN && kind != Kind.TLS;
  }

  /**
   * A client configuration for this registry: no credential files of the machine, the test CA
   * trusted, {@link #USER}'s credentials when the registry needs them, short retry pauses.
   */
  public RegistryConfig clientConfig() {
    RegistryConfig c = RegistryConfig.from(new Environment(Map.of(), dir.resolve("home")))
        .withRetry(new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(2)))
        .withCredentials(requiresAuth()
            ? CredentialStore.of(Map.of(hostPort(), new Credential.Basic(USER, PASSWORD)))
            : CredentialStore.anonymous());
    return certsDir == null ? c.withCertsDirs(List.of()) : c.withCertsDirs(List.of(certsDir));
  }

  /** A new client with {@link #clientConfig()}. */
  public RegistryClient client() {
    return RegistryClient.create(hostPort(), clientConfig());
  }

  /** Pushes a small image of random gzip layers of roughly the given sizes; see {@link TestImage}. */
  public TestImage pushRandomImage(String repository, String tag, int... layerSizes) {
    return TestImage.random(layerSizes).push(client().repository(repository), tag);
  }

}
