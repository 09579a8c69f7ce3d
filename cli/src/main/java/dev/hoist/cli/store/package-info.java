/**
 * The store commands: {@code images}, {@code rmi}, {@code prune}, {@code inspect}, {@code history},
 * {@code pull}, {@code push}, {@code save}, {@code load}, {@code import}, {@code export}, and
 * {@link dev.hoist.cli.store.CopyEndpoints} for {@code hoist cp} with {@code store:}, {@code oci:},
 * {@code oci-archive:} and {@code docker-archive:} endpoints.
 */
package dev.hoist.cli.store;
