package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one layer's content into an empty folder, keeping its OCI whiteouts as {@code .wh.} files. */
@FunctionalInterface
public interface LayerUnpacker {
  void unpackInto(Path emptyDir) throws IOException;
}
