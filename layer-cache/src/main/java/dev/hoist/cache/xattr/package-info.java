/**
 * Extended attributes of any namespace ({@code user.*}, {@code security.*}, {@code trusted.*},
 * {@code system.*}) on a path, never following a symlink: {@link dev.hoist.cache.xattr.Xattrs#system()}
 * calls libc's {@code llistxattr/lgetxattr/lsetxattr} through JNA, and falls back to Java's {@code
 * user.*}-only view (with one warning) where the native library cannot load.
 */
package dev.hoist.cache.xattr;
