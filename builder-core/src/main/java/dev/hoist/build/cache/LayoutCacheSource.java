package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cache written with {@code --cache-to type=local,dest=DIR}: an OCI image layout whose {@code
 * index.json} lists the entries. A directory without {@code index.json} is an empty cache.
 */
public final class LayoutCacheSource implements CacheSource {
  private final Path dir;

  public LayoutCacheSource(Path dir) {
    this.dir = dir;
  }

  @Override
  public Map<Digest, Descriptor> entries() throws IOException {
    Path index = dir.resolve("index.json");
    if (!Files.isRegularFile(index)) {
      return Map.of();
    }
    return CacheIndex.entries(ImageIndex.parse(Files.readAllBytes(index), index.toString()), dir.toString());
  }

  @Override
  public void fetch(Descriptor manifest, LocalStore store) throws IOException {
    copy(manifest, store);
    Manifest m = Manifest.parse(store.readBlob(manifest.digest()), "cache entry " + manifest.digest());
    List<Descriptor> blobs = new ArrayList<>(m.layers());
    blobs.add(m.config());
    for (Descriptor d : blobs) {
      copy(d, store);
    }
  }

  private void copy(Descriptor d, LocalStore store) throws IOException {
    if (store.hasBlob(d.digest())) {
      return;
    }
    Path blob = LayoutCacheExport.blobPath(dir, d.digest());
    if (!Files.isRegularFile(blob)) {
      throw new HoistException("cache " + dir + " lacks blob " + d.digest());
    }
    String type = d.mediaType() == null ? MediaType.OCI_MANIFEST : d.mediaType();
    try (InputStream in = Files.newInputStream(blob)) {
      store.putBlob(type, in, Optional.of(d.digest()));
    }
  }

  @Override
  public String describe() {
    return dir.toString();
  }
}
