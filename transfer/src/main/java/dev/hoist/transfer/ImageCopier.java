package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies images from an {@link ImageSource} to an {@link ImageDestination}: blobs the destination
 * lacks, then manifests, then the top-level manifest or index, bytes unchanged. With a platform
 * (or for a single-platform destination), an index is narrowed to that platform's manifest.
 */
public final class ImageCopier {
  private final Optional<Platform> platform;
  private final Set<String> sent = new HashSet<>();

  public ImageCopier(Optional<Platform> platform) {
    this.platform = platform;
  }

  /** Copies every image of {@code source}; {@code rename}, if given, names the only image. */
  public List<CopiedImage> copy(ImageSource source, ImageDestination destination, Optional<String> rename)
      throws IOException {
    List<SourceImage> images = source.images();
    if (rename.isPresent() && images.size() != 1) {
      throw new HoistException("cannot name " + images.size() + " images " + rename.get());
    }
    List<CopiedImage> copied = new ArrayList<>();
    for (SourceImage image : images) {
      RawManifest top = image.manifest();
      if (top.isIndex() && (platform.isPresent() || destination.needsSinglePlatform())) {
        Platform want = platform.orElse(Platform.host());
        ImageIndex index = top.index();
        Descriptor chosen = index.find(want).orElseThrow(() -> new HoistException(
            "image " + image.name().orElse(image.manifest().digest().toString()) + " has no manifest for " + want
                + " (it has: " + String.join(", ", index.platforms()) + ")"));
        top = source.manifest(chosen);
      }
      copyTree(source, destination, top);
      Optional<String> name = rename.isPresent() ? rename : image.name();
      destination.commit(top, name);
      copied.add(new CopiedImage(name, top.descriptor()));
    }
    return copied;
  }

  private void copyTree(ImageSource source, ImageDestination destination, RawManifest m) throws IOException {
    if (m.isIndex()) {
      for (Descriptor child : m.index().manifests()) {
        copyTree(source, destination, source.manifest(child));
      }
    } else {
      Manifest manifest = m.manifest();
      blob(source, destination, manifest.config());
      for (Descriptor layer : manifest.layers()) {
        blob(source, destination, layer);
      }
    }
    destination.putManifest(m);
  }

  private void blob(ImageSource source, ImageDestination destination, Descriptor d) throws IOException {
    if (!sent.add(d.digest().toString()) || destination.hasBlob(d)) {
      return;
    }
    destination.putBlob(d, () -> source.blob(d));
  }
}
