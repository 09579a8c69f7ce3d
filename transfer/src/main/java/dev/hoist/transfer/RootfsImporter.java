package dev.hoist.transfer;

import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.StoreLease;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.History;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import dev.hoist.oci.RootFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code hoist import}: a rootfs (a directory, or a tar that may be gzip/zstd compressed) becomes a
 * one-layer base image in the store, like {@code docker import}. The layer is rewritten through
 * hoist's tar writer, so with {@code SOURCE_DATE_EPOCH} the same tree gives the same digests
 * wherever and whenever it is imported.
 */
public final class RootfsImporter {
  private final LocalStore store;
  private final LayerWriter writer;

  public RootfsImporter(LocalStore store, LayerWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  /** Imports {@code rootfs} as {@code name} for {@code platform}, applying {@code changes} to the config. */
  public Descriptor importRootfs(Path rootfs, String name, Platform platform, List<String> changes) throws IOException {
    try (StoreLease lease = store.lease()) {
      return importLeased(rootfs, name, platform, changes);
    }
  }

  private Descriptor importLeased(Path rootfs, String name, Platform platform, List<String> changes)
      throws IOException {
    Layer layer;
    try (LayerSink sink = writer.open(store)) {
      if (Files.isDirectory(rootfs)) {
        sink.addTree(rootfs, "", UnaryOperator.identity());
      } else {
        copyTar(rootfs, sink);
      }
      layer = sink.finish();
    }
    Instant created = writer.clampTime().orElse(Instant.now());
    ContainerConfig config = ContainerConfig.empty();
    for (String change : changes) {
      config = ConfigChange.apply(config, change);
    }
    String createdText = created.toString();
    ImageConfig image = ImageConfig.scratch(platform)
        .withCreated(createdText)
        .withConfig(config)
        .withRootFs(RootFs.of(List.of(layer.diffId())))
        .withHistory(List.of(new History(createdText, "hoist import", "", "Imported from rootfs", false)));
    Descriptor configDescriptor = store.putBytes(MediaType.OCI_CONFIG, image.toJson());
    Manifest manifest = Manifest.oci(configDescriptor, List.of(layer.descriptor()), Map.of());
    Descriptor manifestDescriptor = store.putBytes(MediaType.OCI_MANIFEST, manifest.toJson());
    store.tag(name, manifestDescriptor);
    return manifestDescriptor;
  }

  private static void copyTar(Path tar, LayerSink sink) throws IOException {
    try (InputStream raw = Files.newInputStream(tar);
        TarReader reader = new TarReader(Compressors.decompress(raw))) {
      for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
        TarEntry entry = e.get();
        if (entry.name().isEmpty()) {
          continue;
        }
        if (entry.type() == EntryType.FILE) {
          sink.add(entry, reader.content());
        } else {
          sink.add(entry);
        }
      }
    }
  }
}
