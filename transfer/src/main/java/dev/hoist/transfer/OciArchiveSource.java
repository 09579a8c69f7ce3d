package dev.hoist.transfer;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.VerifyingInputStream;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an OCI archive (a tar of an OCI image layout), as {@code skopeo copy ... oci-archive:FILE} writes it. */
public final class OciArchiveSource implements ImageSource {
  private final Path file;
  private final ArchiveIndex archive;
  private final Optional<String> only;

  OciArchiveSource(Path file, ArchiveIndex archive, Optional<String> only) {
    this.file = file;
    this.archive = archive;
    this.only = only;
  }

  /** The archive at {@code file}; with {@code name}, only the image of that ref name. */
  public static OciArchiveSource open(Path file, Optional<String> name) throws IOException {
    return new OciArchiveSource(file, ArchiveIndex.scan(file), name);
  }

  @Override
  public List<SourceImage> images() throws IOException {
    if (!archive.has("index.json")) {
      throw new HoistException(file + " is not an OCI archive: it has no index.json");
    }
    ImageIndex index = ImageIndex.parse(archive.read("index.json", "index.json"), file + ":index.json");
    List<SourceImage> out = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      Optional<String> name = Optional.ofNullable(d.annotations().get(LocalStore.REF_NAME_ANNOTATION))
          .or(() -> Optional.ofNullable(d.annotations().get("io.containerd.image.name")));
      if (only.isPresent() && !only.equals(name)) {
        continue;
      }
      out.add(new SourceImage(name, manifest(d)));
    }
    if (out.isEmpty()) {
      throw new HoistException(file + " has no image" + only.map(n -> " named " + n).orElse(""));
    }
    return out;
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    try (InputStream in = blob(descriptor)) {
      return new RawManifest(descriptor.mediaType(), in.readAllBytes());
    }
  }

  @Override
  public InputStream blob(Descriptor d) throws IOException {
    String name = "blobs/" + d.digest().algorithm() + "/" + d.digest().hex();
    return new VerifyingInputStream(archive.open(name), d.digest(), file + ":" + name);
  }

  @Override
  public void close() {}
}
