package dev.hoist.runtime.snapshot;

import dev.hoist.cache.extract.ExtractResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one layer's content into an empty folder, keeping its OCI whiteouts as {@code .wh.}
 * files; when not root, the result lists the owners the files should have ({@link
 * ExtractResult#owners()}), which {@link LayerSnapshots} gives them inside the user namespace.
 */
@FunctionalInterface
public interface LayerUnpacker {
  /**
   * Unpacks into {@code emptyDir}; the result says what could not be restored (devices, xattrs this
   * user may not create) and, for a non-root unpack, the owners the entries name.
   */
  ExtractResult unpackInto(Path emptyDir) throws IOException;
}
