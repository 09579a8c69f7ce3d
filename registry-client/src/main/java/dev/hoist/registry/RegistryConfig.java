package dev.hoist.registry;

import dev.hoist.registry.auth.CredentialStore;
import dev.hoist.registry.auth.DockerCredentials;
import dev.hoist.registry.http.EnvProxySelector;
import dev.hoist.registry.http.RetryPolicy;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How hoist talks to registries: which hosts may use plain http or unverified TLS, where extra CA
 * files live, where credentials come from, the retry policy, how many blobs move in parallel per
 * registry, the proxy, and when uploads switch to chunks.
 *
 * @param insecureRegistries {@code host[:port]} values allowed plain http or unverified TLS
 * @param certsDirs folders laid out like Docker's {@code certs.d}: {@code DIR/HOST:PORT/*.crt}
 * @param chunkedUploadThreshold blobs larger than this are uploaded in PATCH chunks
 * @param chunkSize bytes per PATCH chunk
 */
public record RegistryConfig(
    Set<String> insecureRegistries,
    List<Path> certsDirs,
    CredentialStore credentials,
    RetryPolicy retry,
    int parallelTransfers,
    Optional<EnvProxySelector> proxy,
    long chunkedUploadThreshold,
    long chunkSize,
    String userAgent) {
  /** Blobs moved at once per transfer unless configured otherwise. */
  public static final int DEFAULT_PARALLEL_TRANSFERS = 4;

  public RegistryConfig {
    insecureRegistries = Set.copyOf(insecureRegistries);
    certsDirs = List.copyOf(certsDirs);
    if (parallelTransfers < 1) {
      throw new IllegalArgumentException("parallelTransfers must be at least 1");
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive");
    }
  }

  /**
   * The settings for this process: credentials from the Docker/containers auth files, CA folders
   * {@code ~/.config/hoist/certs.d} and {@code /etc/docker/certs.d}, proxies from the environment.
   */
  public static RegistryConfig defaults() {
    return from(Environment.system());
  }

  /** The default settings, reading files and variables from {@code env}. */
  public static RegistryConfig from(Environment env) {
    Path configHome = env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
    return new RegistryConfig(
        Set.of(),
        List.of(configHome.resolve("hoist/certs.d"), Path.of("/etc/docker/certs.d")),
        new DockerCredentials(env),
        RetryPolicy.defaults(),
        DEFAULT_PARALLEL_TRANSFERS,
        EnvProxySelector.from(env),
        512L * 1024 * 1024,
        64L * 1024 * 1024,
        "hoist/0.1");
  }

  public RegistryConfig withInsecureRegistries(Set<String> hosts) {
    Set<String> all = new HashSet<>(insecureRegistries);
    all.addAll(hosts);
    return new RegistryConfig(all, certsDirs, credentials, retry, parallelTransfers, proxy,
        chunkedUploadThreshold, chunkSize, userAgent);
  }

  public RegistryConfig withCertsDirs(List<Path> dirs) {
    return new RegistryConfig(insecureRegistries, dirs, credentials, retry, parallelTransfers, proxy,
        chunkedUploadThreshold, chunkSize, userAgent);
  }

  public RegistryConfig withCredentials(CredentialStore store) {
    return new RegistryConfig(insecureRegistries, certsDirs, store, retry, parallelTransfers, proxy,
        chunkedUploadThreshold, chunkSize, userAgent);
  }

  public RegistryConfig withRetry(RetryPolicy policy) {
    return new RegistryConfig(insecureRegistries, certsDirs, credentials, policy, parallelTransfers, proxy,
        chunkedUploadThreshold, chunkSize, userAgent);
  }

  public RegistryConfig withParallelTransfers(int n) {
    return new RegistryConfig(insecureRegistries, certsDirs, credentials, retry, n, proxy,
        chunkedUploadThreshold, chunkSize, userAgent);
  }

  public RegistryConfig withChunking(long threshold, long size) {
    return new RegistryConfig(insecureRegistries, certsDirs, credentials, retry, parallelTransfers, proxy,
        threshold, size, userAgent);
  }

  public RegistryConfig withProxy(Optional<EnvProxySelector> selector) {
    return new RegistryConfig(insecureRegistries, certsDirs, credentials, retry, parallelTransfers, selector,
        chunkedUploadThreshold, chunkSize, userAgent);
  }
}
