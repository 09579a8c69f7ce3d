/**
 * Registry-to-registry copies: {@link dev.hoist.registry.copy.RegistryCopier#copy} with a
 * {@link dev.hoist.registry.copy.PlatformSelection} (whole index or one platform), a
 * {@link dev.hoist.registry.copy.ReferrerPolicy} (the image alone, or with the artifacts whose
 * subject it is, recursively) and a {@link dev.hoist.registry.copy.CopyListener} for progress.
 */
package dev.hoist.registry.copy;
