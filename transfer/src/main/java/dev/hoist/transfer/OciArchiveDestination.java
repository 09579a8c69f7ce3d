package dev.hoist.transfer;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.ImageIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Writes an OCI archive: a tar of an OCI image layout, names as {@code org.opencontainers.image.ref.name}. */
public final class OciArchiveDestination implements ImageDestination {
  private final ArchiveSink archive;
  private final Set<String> written = new HashSet<>();
  private final List<Descriptor> images = new ArrayList<>();

  /** An archive at {@code file}, moved into place when finished. */
  public OciArchiveDestination(Path file) throws IOException {
    this(new ArchiveWriter(file));
  }

  /** An archive streamed to {@code out} (flushed when finished, left open). */
  public OciArchiveDestination(OutputStream out) throws IOException {
    this(new StreamArchiveWriter(out));
  }

  private OciArchiveDestination(ArchiveSink archive) throws IOException {
    this.archive = archive;
    archive.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    archive.directory("blobs");
    archive.directory("blobs/sha256");
  }

  @Override
  public boolean hasBlob(Descriptor descriptor) {
    return written.contains(descriptor.digest().hex());
  }

  @Override
  public void putBlob(Descriptor d, BlobOpener content) throws IOException {
    if (written.add(d.digest().hex())) {
      try (InputStream in = content.open()) {
        archive.file("blobs/sha256/" + d.digest().hex(), d.size(), in);
      }
    }
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    if (written.add(manifest.digest().hex())) {
      archive.file("blobs/sha256/" + manifest.digest().hex(), manifest.bytes());
    }
  }

  @Override
  public void commit(RawManifest top, Optional<String> name) {
    Descriptor d = top.descriptor();
    images.add(name.map(n -> d.withAnnotations(Map.of(LocalStore.REF_NAME_ANNOTATION, n))).orElse(d));
  }

  /** Writes index.json and completes the archive. */
  @Override
  public void finish() throws IOException {
    archive.file("index.json", ImageIndex.oci(images, null).toJson());
    archive.commit();
  }

  @Override
  public void close() throws IOException {
    archive.close();
  }
}
