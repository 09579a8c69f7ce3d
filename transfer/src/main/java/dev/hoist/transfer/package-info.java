/**
 * Moves images between hoist's store and files: {@link dev.hoist.transfer.Transfers} ({@code save},
 * {@code load}, {@code copy} between {@link dev.hoist.transfer.Endpoint}s: {@code store:}, {@code oci:},
 * {@code oci-archive:}, {@code docker-archive:}), {@link dev.hoist.transfer.RootfsImporter} ({@code hoist
 * import}) and {@link dev.hoist.transfer.RootfsExporter} ({@code hoist export}). Each transport is an
 * {@link dev.hoist.transfer.ImageSource}/{@link dev.hoist.transfer.ImageDestination} pair driven by one
 * {@link dev.hoist.transfer.ImageCopier}, which sends manifests as the exact bytes it read.
 */
package dev.hoist.transfer;
