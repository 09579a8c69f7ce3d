/**
 * Test fixtures for anything that talks to a registry (shipped in registry-client's test-jar):
 *
 * <ul>
 *   <li>{@link dev.hoist.registry.testing.RegistryExtension}: a real {@code docker-registry} on a
 *       free loopback port; {@code plain()}, {@code tlsWithBasicAuth()}, {@code bearerAuth()};
 *       {@code hostPort()}, {@code client()}, {@code clientConfig()},
 *       {@code pushRandomImage(repo, tag, sizes...)}.
 *   <li>{@link dev.hoist.registry.testing.TestImage}: a small valid image (gzip tar layers, OCI
 *       config) built in memory, pushable with hoist's client.
 *   <li>{@link dev.hoist.registry.testing.FaultProxy}: a TCP proxy that answers 503/429 or resets
 *       connections after N bytes, one planned fault per new connection.
 *   <li>{@link dev.hoist.registry.testing.TokenServer} and {@link dev.hoist.registry.testing.TestPki}:
 *       JWT token service and Bouncy Castle certificates behind the auth variants.
 * </ul>
 */
package dev.hoist.registry.testing;
