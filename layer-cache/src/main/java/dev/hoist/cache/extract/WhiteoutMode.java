package dev.hoist.cache.extract;

/** What extraction does with OCI whiteouts ({@code .wh.name}, {@code .wh..wh..opq}). */
public enum WhiteoutMode {
  /** Delete what they hide from the target directory (flattening a rootfs, applying on top of an existing dir). */
  APPLY,
  /** Write them as the empty {@code .wh.*} files they are (a snapshot folder of one layer). */
  KEEP
}
