package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where images are read from: the local store, an OCI layout, an archive, a registry. */
public interface ImageSource extends Closeable {
  /** The images this source offers (one for a reference, all for an archive). */
  List<SourceImage> images() throws IOException;

  /** A manifest named by an index of this source. */
  RawManifest manifest(Descriptor descriptor) throws IOException;

  /** Opens a blob (config or layer); the stream is verified against the descriptor's digest. */
  InputStream blob(Descriptor descriptor) throws IOException;
}
