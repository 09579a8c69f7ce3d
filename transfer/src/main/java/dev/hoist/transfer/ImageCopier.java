package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.Platform;
import dev.hoist.registry.blob.ParallelBlobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies images from an {@link ImageSource} to an {@link ImageDestination}: blobs the destination
 * lacks ({@code parallel} at a time where the destination accepts that, see {@link ParallelBlobs}),
 * then manifests, then the top-level manifest or index, bytes unchanged. With a platform (or for a
 * single-platform destination), an index is narrowed to that platform's manifest.
 */
public final class ImageCopier {
  private final Optional<Platform> platform;
  private final int parallel;
  private final Set<Digest> sent = new HashSet<>();

  public ImageCopier(Optional<Platform> platform, int parallel) {
    this.platform = platform;
    this.parallel = parallel;
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

  /** The blobs of every image manifest in {@code m}'s tree first, then the manifests, children before their index. */
  private void copyTree(ImageSource source, ImageDestination destination, RawManifest m) throws IOException {
    List<RawManifest> images = new ArrayList<>();
    if (m.isIndex()) {
      for (Descriptor child : m.index().manifests()) {
        RawManifest c = source.manifest(child);
        if (c.isIndex()) {
          copyTree(source, destination, c);
        } else {
          images.add(c);
        }
      }
    } else {
      images.add(m);
    }
    List<Descriptor> blobs = new ArrayList<>();
    for (RawManifest image : images) {
      Manifest manifest = image.manifest();
      for (Descriptor d : concat(manifest.config(), manifest.layers())) {
        if (sent.add(d.digest())) {
          blobs.add(d);
        }
      }
    }
    ParallelBlobs.forEach(destination.acceptsParallelBlobs() ? parallel : 1, blobs, d -> blob(source, destination, d));
    for (RawManifest image : images) {
      if (image != m) {
        destination.putManifest(image);
      }
    }
    destination.putManifest(m);
  }

  private static List<Descriptor> concat(Descriptor config, List<Descriptor> layers) {
    List<Descriptor> all = new ArrayList<>(layers.size() + 1);
    all.add(config);
    all.addAll(layers);
    return all;
  }

  private static void blob(ImageSource source, ImageDestination destination, Descriptor d) throws IOException {
    if (!destination.hasBlob(d)) {
      destination.putBlob(d, () -> source.blob(d));
    }
  }
}
