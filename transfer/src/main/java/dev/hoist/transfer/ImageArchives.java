package dev.hoist.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens an image archive whatever its format: docker ({@code manifest.json}) or OCI ({@code index.json}). */
public final class ImageArchives {
  private ImageArchives() {}

  public static ImageSource open(Path file) throws IOException {
    ArchiveIndex index = ArchiveIndex.scan(file);
    if (index.has("manifest.json")) {
      return new DockerArchiveSource(file, index);
    }
    return new OciArchiveSource(file, index, Optional.empty());
  }
}
