package dev.hoist.registry.copy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.manifest.ManifestOutline;
import dev.hoist.registry.manifest.RawManifest;
import dev.hoist.registry.manifest.Referrers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies the referrers of manifests already copied (found with the referrers API or its fallback
 * tag), a generation at a time: their blobs first, then the manifests of an index referrer, then
 * each referrer by digest as its exact bytes. The referrers of what was copied are next, until a
 * generation has none; a manifest met twice is copied once.
 */
final class ReferrerCopier {
  private final Repository from;
  private final Repository to;
  private final ImageReference target;
  private final BlobCopier blobs;
  private final CopyListener listener;

  ReferrerCopier(Repository from, Repository to, ImageReference target, BlobCopier blobs, CopyListener listener) {
    this.from = from;
    this.to = to;
    this.target = target;
    this.blobs = blobs;
    this.listener = listener;
  }

  /** One referrer read from the source: how it was listed, its bytes, and for an index its manifests. */
  private record Found(Digest subject, Descriptor entry, RawManifest manifest, List<RawManifest> children) {
    List<RawManifest> images() {
      return manifest.isIndex() ? children : List.of(manifest);
    }
  }

  /** The result of a copy of {@code subjects}' referrers: how many, and their blobs. */
  record Copied(int referrers, BlobCounts blobs) {}

  Copied copy(List<Digest> subjects) {
    Set<Digest> seen = new HashSet<>(subjects);
    List<Digest> generation = subjects;
    int referrers = 0;
    BlobCounts counts = BlobCounts.ZERO;
    while (!generation.isEmpty()) {
      List<Found> found = find(generation, seen);
      List<RawManifest> images = found.stream().flatMap(f -> f.images().stream()).toList();
      counts = counts.plus(blobs.copy(BlobCopier.needed(images, "a referrer in " + from.name())));
      List<Digest> next = new ArrayList<>();
      for (Found f : found) {
        for (RawManifest child : f.children()) {
          to.putManifest(child.bytes(), child.mediaType(), child.digest().toString());
          listener.manifestPushed(target.withDigest(child.digest()), child.digest());
          next.add(child.digest());
        }
        Optional<Digest> fallback = to.pushReferrer(f.manifest(), f.entry(), f.subject());
        listener.referrerPushed(target.withDigest(f.manifest().digest()), f.entry(), f.subject());
        fallback.ifPresent(d -> listener.manifestPushed(target.withTag(Referrers.fallbackTag(f.subject())), d));
        next.add(f.manifest().digest());
        referrers++;
      }
      generation = next;
    }
    return new Copied(referrers, counts);
  }

  private List<Found> find(List<Digest> subjects, Set<Digest> seen) {
    List<Found> found = new ArrayList<>();
    for (Digest subject : subjects) {
      for (Descriptor entry : from.referrers(subject, Optional.empty())) {
        if (!seen.add(entry.digest())) {
          continue;
        }
        RawManifest m = from.manifest(entry.digest().toString());
        ManifestOutline outline = ManifestOutline.parse(m.bytes(), "referrer " + m.digest());
        Optional<Digest> declared = outline.subject().map(Descriptor::digest);
        if (!declared.equals(Optional.of(subject))) {
          throw new RegistryException(from.client().registry(), from.name(), 0, "referrer " + m.digest()
              + " is listed for " + subject + " but names subject " + declared.map(Digest::toString).orElse("(none)"));
        }
        List<RawManifest> children = new ArrayList<>();
        for (Descriptor child : outline.manifests()) {
          if (seen.add(child.digest())) {
            children.add(from.manifest(child.digest().toString()));
          }
        }
        found.add(new Found(subject, entry, m, children));
      }
    }
    return found;
  }
}
