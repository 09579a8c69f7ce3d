package dev.hoist.transfer;

import dev.hoist.cache.extract.ExtractOptions;
import dev.hoist.cache.fs.TreeRemover;
import dev.hoist.cache.extract.LayerExtractor;
import dev.hoist.cache.extract.WhiteoutMode;
import dev.hoist.cache.layer.DirectoryTree;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.StoredImage;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code hoist export}: an image's layers applied in order (whiteouts applied) into a directory,
 * or into a temp directory beside a tar file that is then written from it.
 */
public final class RootfsExporter {
  private final LocalStore store;

  public RootfsExporter(LocalStore store) {
    this.store = store;
  }

  /** The manifest of {@code ref} for {@code platform} (the host's when the image is an index). */
  public Manifest manifest(String ref, Optional<Platform> platform) throws IOException {
    StoredImage image = store.resolve(ref).orElseThrow(() -> new HoistException("no image " + ref + " in the store"));
    Descriptor d = image.descriptor();
    if (MediaType.isIndex(d.mediaType())) {
      Platform want = platform.orElse(Platform.host());
      ImageIndex index = ImageIndex.parse(store.readBlob(d.digest()), "index of " + ref);
      d = index.find(want).orElseThrow(() -> new HoistException(ref + " has no image for " + want));
    }
    return Manifest.parse(store.readBlob(d.digest()), "manifest of " + ref);
  }

  /**
   * Flattens {@code ref} into the directory {@code target} (created if missing, must be empty).
   * Returns what could not be restored (devices or xattrs a non-root user may not create), once each.
   */
  public List<String> toDirectory(String ref, Optional<Platform> platform, Path target) throws IOException {
    Manifest m = manifest(ref, platform);
    Files.createDirectories(target);
    try (Stream<Path> s = Files.list(target)) {
      if (s.findAny().isPresent()) {
        throw new HoistException("export target " + target + " is not empty");
      }
    }
    LayerExtractor extractor = LayerExtractor.create(ExtractOptions.defaults().withWhiteouts(WhiteoutMode.APPLY));
    Set<String> warnings = new LinkedHashSet<>();
    for (Descriptor layer : m.layers()) {
      try (InputStream in = store.openBlob(layer.digest())) {
        warnings.addAll(extractor.extract(in, target).warnings());
      }
    }
    return List.copyOf(warnings);
  }

  /** Flattens {@code ref} into an uncompressed tar at {@code file}; returns what could not be kept, as above. */
  public List<String> toTar(String ref, Optional<Platform> platform, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path temp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    try {
      List<String> warnings;
      try (OutputStream out = Files.newOutputStream(temp)) {
        warnings = toTar(ref, platform, out, abs.getParent());
      }
      Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return warnings;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Flattens {@code ref} into an uncompressed tar streamed to {@code out} (flushed, left open), as
   * for {@code --output type=tar,dest=-}; the layers are applied in a temp directory in the store.
   * Returns what could not be kept, as above.
   */
  public List<String> toTar(String ref, Optional<Platform> platform, OutputStream out) throws IOException {
    return toTar(ref, platform, out, store.home());
  }

  private List<String> toTar(String ref, Optional<Platform> platform, OutputStream target, Path scratch)
      throws IOException {
    Path work = Files.createTempDirectory(scratch, ".hoist-export-");
    try {
      List<String> warnings = toDirectory(ref, platform, work);
      StreamArchiveWriter archive = new StreamArchiveWriter(target);
      DirectoryTree.walk(work, "", (entry, source) -> {
        archive.tar().putEntry(entry);
        if (entry.type() == EntryType.FILE) {
          try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
            archive.tar().content(in);
          }
        }
      });
      archive.commit();
      return warnings;
    } finally {
      TreeRemover.delete(work);
    }
  }
}
