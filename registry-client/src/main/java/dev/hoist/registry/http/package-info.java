/**
 * The HTTP layer of the registry client: {@link dev.hoist.registry.http.HttpTransport} on
 * {@code HttpURLConnection} ({@code java.net.http} for PATCH only; see {@code Wire} for why) with
 * its own redirect loop ({@link dev.hoist.registry.http.RedirectGuard}),
 * retries ({@link dev.hoist.registry.http.RetryPolicy}), TLS trust from {@code certs.d} folders
 * ({@link dev.hoist.registry.http.TlsContexts}) and proxies from the environment.
 */
package dev.hoist.registry.http;
