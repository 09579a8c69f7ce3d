/**
 * hoist's layer cache: the local OCI-layout store, deterministic layer writing and safe extraction.
 *
 * <ul>
 *   <li>{@link dev.hoist.cache.store.LocalStore}: {@code open(home)}, {@code newBlob()}/{@code putBlob(mediaType, in,
 *       expectedDigest)}, {@code openBlob} (verified), {@code hasBlob}, {@code tag(name, descriptor)}, {@code
 *       resolve(ref)}, {@code images()}, {@code untag}, {@code putCacheEntry(key, descriptor)}, {@code prune}.
 *       Hold {@code store.lease()} from the first blob of an image until it is tagged: prune waits for
 *       every lease (of any process), so it never removes blobs an image in progress has not named yet.
 *       Do not call {@code prune} while holding a lease in the same thread (it would wait for itself).
 *   <li>{@link dev.hoist.cache.layer.LayerWriter}: {@code open(store)} gives a {@link dev.hoist.cache.layer.LayerSink}
 *       taking {@link dev.hoist.cache.tar.TarEntry} values (files with content streams, dirs, links, devices,
 *       whiteouts; override uid/gid/mode/mtime with {@code with*}) or whole trees ({@code addTree}); {@code finish()}
 *       returns a {@link dev.hoist.cache.layer.Layer}: diff ID, blob descriptor, uncompressed size.
 *   <li>{@link dev.hoist.cache.extract.LayerExtractor}: safe extraction into a directory, whiteouts
 *       {@link dev.hoist.cache.extract.WhiteoutMode#APPLY applied} or {@link dev.hoist.cache.extract.WhiteoutMode#KEEP
 *       kept as .wh. files}.
 * </ul>
 */
package dev.hoist.cache;
