/**
 * Registry authentication: {@code WWW-Authenticate} challenges, the Bearer token flow with a
 * per-scope token cache, and where credentials come from: Docker's {@code config.json}
 * ({@code auths}, {@code credsStore}, {@code credHelpers} with {@code docker-credential-*}
 * programs) and the containers {@code auth.json}. {@link dev.hoist.registry.auth.DockerConfigFile}
 * writes {@code hoist login}/{@code logout} changes. Credentials never appear in a message.
 */
package dev.hoist.registry.auth;
