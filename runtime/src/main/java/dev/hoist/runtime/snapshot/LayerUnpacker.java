package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes one layer's content into an empty folder, keeping its OCI whiteouts as {@code .wh.} files. */
@FunctionalInterface
public interface LayerUnpacker {
  /** Unpacks into {@code emptyDir}; returns what could not be restored (devices, xattrs this user may not create). */
  List<String> unpackInto(Path emptyDir) throws IOException;
}
