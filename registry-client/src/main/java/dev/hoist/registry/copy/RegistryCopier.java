package dev.hoist.registry.copy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.ManifestOutline;
import dev.hoist.registry.manifest.RawManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image from one registry repository to another: every blob first (in parallel, skipped
 * when the target has it, mounted when both repositories share a registry, otherwise streamed from
 * GET straight into the upload), then child manifests by digest, then the top manifest under the
 * target tag, then, when asked, the referrers of each manifest copied. Manifests are pushed as the
 * exact bytes read.
 */
public final class RegistryCopier {
  private final RegistryClients clients;

  public RegistryCopier(RegistryClients clients) {
    this.clients = clients;
  }

  /** Copies {@code source} to {@code target}, taking the platforms {@code selection} names. */
  public CopyResult copy(ImageReference source, ImageReference target, PlatformSelection selection,
      CopyListener listener) {
    return copy(source, target, selection, ReferrerPolicy.SKIP, listener);
  }

  /**
   * Copies {@code source} to {@code target}, taking the platforms {@code selection} names and, with
   * {@link ReferrerPolicy#COPY}, the artifacts that refer to any manifest copied.
   */
  public CopyResult copy(ImageReference source, ImageReference target, PlatformSelection selection,
      ReferrerPolicy referrers, CopyListener listener) {
    Repository from = clients.repository(source);
    Repository to = clients.repository(target);
    RawManifest top = from.manifest(source.manifestReference());
    List<RawManifest> children = new ArrayList<>();
    RawManifest pushedTop = top;
    if (top.isIndex()) {
      ManifestOutline index = ManifestOutline.parse(top.bytes(), "index " + top.digest());
      if (selection instanceof PlatformSelection.One one) {
        Descriptor d = index.find(one.platform()).orElseThrow(() -> new HoistException(
            source + " has no image for platform " + one.platform() + " (it has: "
                + String.join(", ", index.platforms()) + ")"));
        pushedTop = from.manifest(d.digest().toString());
      } else {
        for (Descriptor d : index.manifests()) {
          children.add(from.manifest(d.digest().toString()));
        }
      }
    }
    List<RawManifest> images = new ArrayList<>(children);
    if (!pushedTop.isIndex()) {
      images.add(pushedTop);
    }
    BlobCopier blobs = new BlobCopier(from, to, listener);
    BlobCounts counts = blobs.copy(BlobCopier.needed(images, source.toString()));
    List<Digest> copied = new ArrayList<>();
    for (RawManifest child : children) {
      to.putManifest(child.bytes(), child.mediaType(), child.digest().toString());
      listener.manifestPushed(target.withDigest(child.digest()), child.digest());
      copied.add(child.digest());
    }
    String reference = target.digest().isPresent() && target.tag().isEmpty()
        ? target.digest().get().toString() : target.tagOrLatest();
    to.putManifest(pushedTop.bytes(), pushedTop.mediaType(), reference);
    listener.manifestPushed(target, pushedTop.digest());
    copied.add(pushedTop.digest());
    int referrerCount = 0;
    if (referrers == ReferrerPolicy.COPY) {
      ReferrerCopier.Copied r = new ReferrerCopier(from, to, target, blobs, listener).copy(copied);
      counts = counts.plus(r.blobs());
      referrerCount = r.referrers();
    }
    return new CopyResult(target, pushedTop.digest(), pushedTop.mediaType(), counts.uploaded(), counts.mounted(),
        counts.existed(), referrerCount);
  }
}
