package dev.hoist.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Digest;
import dev.hoist.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads an image of a test's store back by hand: its manifest, config and each layer's tar entries. */
record StoredLayers(JsonNode manifest, JsonNode config, List<Map<String, byte[]>> layers) {

  /** The image {@code ref} (a single-platform manifest) of the store at {@code home}. */
  static StoredLayers of(Path home, String ref) throws IOException {
    LocalStore store = LocalStore.open(home);
    Digest digest = store.resolve(ref).orElseThrow(() -> new AssertionError("no image " + ref)).descriptor().digest();
    return ofManifest(store, digest);
  }

  static StoredLayers ofManifest(LocalStore store, Digest manifestDigest) throws IOException {
    JsonNode manifest = Json.mapper().readTree(store.readBlob(manifestDigest));
    JsonNode config = Json.mapper().readTree(store.readBlob(Digest.parse(manifest.get("config").get("digest").asText())));
    List<Map<String, byte[]>> layers = new ArrayList<>();
    for (JsonNode l : manifest.get("layers")) {
      layers.add(entries(store, Digest.parse(l.get("digest").asText())));
    }
    return new StoredLayers(manifest, config, layers);
  }

  /** The manifests an index names, by {@code os/architecture}. */
  static Map<String, StoredLayers> ofIndex(Path home, String ref) throws IOException {
    LocalStore store = LocalStore.open(home);
    Digest digest = store.resolve(ref).orElseThrow(() -> new AssertionError("no image " + ref)).descriptor().digest();
    JsonNode index = Json.mapper().readTree(store.readBlob(digest));
    Map<String, StoredLayers> out = new LinkedHashMap<>();
    for (JsonNode m : index.get("manifests")) {
      JsonNode p = m.get("platform");
      out.put(p.get("os").asText() + "/" + p.get("architecture").asText(),
          ofManifest(store, Digest.parse(m.get("digest").asText())));
    }
    return out;
  }

  /** The last layer's entries. */
  Map<String, byte[]> top() {
    return layers.get(layers.size() - 1);
  }

  /** The {@code created_by} of each history entry. */
  List<String> createdBy() {
    List<String> out = new ArrayList<>();
    config.get("history").forEach(h -> out.add(h.path("created_by").asText()));
    return out;
  }

  /** A gzip (or plain) tar layer's entries: name to content (empty for non-files). */
  static Map<String, byte[]> entries(LocalStore store, Digest layer) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream raw = store.openBlob(layer);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        out.put(e.getName().replaceAll("/$", ""), e.isFile() ? tar.readAllBytes() : new byte[0]);
      }
    }
    return out;
  }

  /** Every byte of a store file as a reader would see it: gzip blobs decompressed, others as they are. */
  static byte[] readable(Path file) throws IOException {
    byte[] head = new byte[2];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.read(head) == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        try (InputStream gz = new GZIPInputStream(Files.newInputStream(file))) {
          return gz.readAllBytes();
        }
      }
    }
    return Files.readAllBytes(file);
  }
}
