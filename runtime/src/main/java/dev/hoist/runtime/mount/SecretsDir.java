package dev.hoist.runtime.mount;

/** Where secret files appear in the container by default. */
final class SecretsDir {
  static final String PATH = "/run/secrets";

  private SecretsDir() {}
}
