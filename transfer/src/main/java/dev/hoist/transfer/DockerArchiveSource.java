package dev.hoist.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.store.VerifyingInputStream;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.MediaType.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code docker save} archive ({@code manifest.json} with Config, RepoTags and Layers
 * paths). Each image becomes a Docker schema 2 manifest over the archive's files; an uncompressed
 * layer's digest is its diff ID from the config, a compressed one is hashed once while listing.
 */
public final class DockerArchiveSource implements ImageSource {
  private final Path file;
  private final ArchiveIndex archive;
  private final Map<String, String> pathByDigest = new HashMap<>();

  DockerArchiveSource(Path file, ArchiveIndex archive) {
    this.file = file;
    this.archive = archive;
  }

  public static DockerArchiveSource open(Path file) throws IOException {
    return new DockerArchiveSource(file, ArchiveIndex.scan(file));
  }

  @Override
  public List<SourceImage> images() throws IOException {
    JsonNode list = readJson(archive.read("manifest.json", "manifest.json"));
    List<SourceImage> out = new ArrayList<>();
    for (JsonNode image : list) {
      String configPath = image.path("Config").asText();
      byte[] configBytes = archive.read(configPath, configPath);
      ImageConfig config = ImageConfig.parse(configBytes, file + ":" + configPath);
      Digest configDigest = Digest.sha256(configBytes);
      pathByDigest.put(configDigest.toString(), configPath);
      List<Descriptor> layers = new ArrayList<>();
      JsonNode layerPaths = image.path("Layers");
      if (layerPaths.size() != config.rootfs().diffIds().size()) {
        throw new HoistException(file + ": " + configPath + " names " + config.rootfs().diffIds().size()
            + " layers but manifest.json lists " + layerPaths.size());
      }
      for (int i = 0; i < layerPaths.size(); i++) {
        String path = layerPaths.get(i).asText();
        layers.add(layer(path, config.rootfs().diffIds().get(i)));
      }
      Descriptor configDescriptor = Descriptor.of(MediaType.DOCKER_CONFIG, configDigest, configBytes.length);
      RawManifest manifest = new RawManifest(MediaType.DOCKER_MANIFEST,
          Manifest.docker(configDescriptor, layers).toJson());
      JsonNode tags = image.path("RepoTags");
      if (tags.isEmpty()) {
        out.add(new SourceImage(Optional.empty(), manifest));
      }
      for (JsonNode tag : tags) {
        out.add(new SourceImage(Optional.of(tag.asText()), manifest));
      }
    }
    return out;
  }

  private Descriptor layer(String path, Digest diffId) throws IOException {
    Compression compression;
    try (BufferedInputStream in = new BufferedInputStream(archive.open(path))) {
      compression = Compressors.detect(in);
    }
    Digest digest;
    if (compression == Compression.NONE) {
      digest = diffId;
    } else {
      try (InputStream in = archive.open(path)) {
        digest = Digest.sha256(in);
      }
    }
    pathByDigest.put(digest.toString(), path);
    String mediaType = compression == Compression.NONE ? Compression.NONE.dockerLayerType()
        : compression == Compression.GZIP ? MediaType.DOCKER_LAYER_GZIP : MediaType.OCI_LAYER_ZSTD;
    return Descriptor.of(mediaType, digest, archive.size(path));
  }

  private JsonNode readJson(byte[] bytes) {
    try {
      return dev.hoist.oci.Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new HoistException("invalid JSON in " + file + ":manifest.json");
    }
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) {
    throw new HoistException("a docker archive has no manifest " + descriptor.digest());
  }

  @Override
  public InputStream blob(Descriptor d) throws IOException {
    String path = pathByDigest.get(d.digest().toString());
    if (path == null) {
      throw new HoistException(file + " has no blob " + d.digest());
    }
    return new VerifyingInputStream(archive.open(path), d.digest(), file + ":" + path);
  }

  @Override
  public void close() {}
}
