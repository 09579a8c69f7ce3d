package dev.hoist.transfer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.cache.compress.Compressors;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Json;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@code docker load}-compatible archive: {@code <config>.json}, one uncompressed
 * {@code <diffID>.tar} per layer, {@code manifest.json} and {@code repositories}. A compressed
 * layer is decompressed once, straight into the archive; its entry's header (name and size, both
 * known only at the end) is written over a reserved block afterwards.
 */
public final class DockerArchiveDestination implements ImageDestination {
  private final ArchiveWriter archive;
  private final Map<String, String> fileByDigest = new HashMap<>();
  private final ArrayNode manifests = Json.mapper().createArrayNode();
  private final ObjectNode repositories = Json.mapper().createObjectNode();

  public DockerArchiveDestination(Path file) throws IOException {
    this.archive = new ArchiveWriter(file);
  }

  @Override
  public boolean needsSinglePlatform() {
    return true;
  }

  @Override
  public boolean hasBlob(Descriptor d) {
    return fileByDigest.containsKey(d.digest().toString());
  }

  @Override
  public void putBlob(Descriptor d, BlobOpener content) throws IOException {
    if (!MediaType.isLayer(d.mediaType())) {
      String name = d.digest().hex() + ".json";
      try (InputStream in = content.open()) {
        archive.file(name, d.size(), in);
      }
      fileByDigest.put(d.digest().toString(), name);
      return;
    }
    if (MediaType.layerCompression(d.mediaType()) == MediaType.Compression.NONE) {
      String name = d.digest().hex() + ".tar";
      if (!fileByDigest.containsValue(name)) {
        try (InputStream in = content.open()) {
          archive.file(name, d.size(), in);
        }
      }
      fileByDigest.put(d.digest().toString(), name);
      return;
    }
    String name;
    try (InputStream in = Compressors.decompress(content.open())) {
      name = archive.fileOfUnknownSize(in, diffId -> diffId.hex() + ".tar", fileByDigest::containsValue);
    }
    fileByDigest.put(d.digest().toString(), name);
  }

  @Override
  public void putManifest(RawManifest manifest) {}

  @Override
  public void commit(RawManifest top, Optional<String> name) {
    if (top.isIndex()) {
      throw new HoistException("a docker archive holds single-platform images; choose one with --platform");
    }
    Manifest m = top.manifest();
    ObjectNode entry = manifests.addObject();
    entry.put("Config", fileByDigest.get(m.config().digest().toString()));
    ArrayNode tags = entry.putArray("RepoTags");
    ArrayNode layers = entry.putArray("Layers");
    String last = "";
    for (Descriptor layer : m.layers()) {
      last = fileByDigest.get(layer.digest().toString());
      layers.add(last);
    }
    if (name.isPresent()) {
      ImageReference ref = ImageReference.parse(name.get());
      String tagged = new ImageReference(ref.registry(), ref.repository(), ref.tag(), Optional.empty()).familiar();
      tags.add(tagged);
      String repo = tagged.substring(0, tagged.lastIndexOf(':'));
      ObjectNode r = repositories.has(repo) ? (ObjectNode) repositories.get(repo) : repositories.putObject(repo);
      r.put(ref.tagOrLatest(), last.replace(".tar", ""));
    }
  }

  @Override
  public void finish() throws IOException {
    archive.file("manifest.json", Json.write(manifests));
    archive.file("repositories", Json.write(repositories));
    archive.commit();
  }

  @Override
  public void close() throws IOException {
    archive.close();
  }
}
