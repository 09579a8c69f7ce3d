package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a cache as an OCI image layout: missing blobs copied in first (each through a temp file
 * renamed into place), {@code index.json} replaced last, so a reader sees the old cache or the new
 * one, never half of one.
 */
final class LayoutCacheExport {
  private final LocalStore store;
  private final Path dir;

  LayoutCacheExport(LocalStore store, Path dir) {
    this.store = store;
    this.dir = dir;
  }

  static Path blobPath(Path dir, Digest digest) {
    return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  void write(List<CacheExporter.Entry> entries) throws IOException {
    Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    for (CacheExporter.Entry e : entries) {
      for (Descriptor blob : e.blobs()) {
        copy(blob.digest());
      }
      copy(e.descriptor().digest());
    }
    replace(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    replace(dir.resolve("index.json"), CacheIndex.of(entries.stream().map(CacheExporter.Entry::descriptor).toList())
        .toJson());
  }

  private void copy(Digest digest) throws IOException {
    Path target = blobPath(dir, digest);
    if (Files.isRegularFile(target) && Files.size(target) == store.blobSize(digest)) {
      return;
    }
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
    try {
      Files.copy(store.blobPath(digest), tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void replace(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(dir, ".tmp-", "");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
