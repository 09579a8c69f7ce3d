package dev.hoist.registry.copy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.ParallelBlobs;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.manifest.ManifestOutline;
import dev.hoist.registry.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies blobs from one repository to another in parallel ({@link ParallelBlobs}): skipped when the target has them,
 * mounted when both repositories share a registry, otherwise streamed from GET into the upload.
 * A blob this copier already copied is left out of later batches.
 */
final class BlobCopier {
  private final Repository from;
  private final Repository to;
  private final CopyListener listener;
  private final Set<Digest> copied = new HashSet<>();

  BlobCopier(Repository from, Repository to, CopyListener listener) {
    this.from = from;
    this.to = to;
    this.listener = listener;
  }

  /**
   * The blobs {@code images} (image manifests, no index) need, each once; {@code source} names
   * them in errors.
   */
  static List<Descriptor> needed(List<RawManifest> images, String source) {
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    for (RawManifest m : images) {
      if (m.isIndex()) {
        throw new HoistException(source + " nests an index inside an index; hoist copies one level only");
      }
      ManifestOutline outline = ManifestOutline.parse(m.bytes(), "manifest " + m.digest());
      if (outline.config().isEmpty()) {
        throw new HoistException("manifest " + m.digest() + " of " + source + " has no config descriptor");
      }
      for (Descriptor blob : outline.blobs()) {
        blobs.putIfAbsent(blob.digest().toString(), blob);
      }
    }
    return new ArrayList<>(blobs.values());
  }

  BlobCounts copy(List<Descriptor> wanted) {
    List<Descriptor> blobs = wanted.stream().filter(d -> copied.add(d.digest())).toList();
    if (blobs.isEmpty()) {
      return BlobCounts.ZERO;
    }
    boolean sameRegistry = from.client().registry().equals(to.client().registry());
    try {
      BlobCounts counts = BlobCounts.ZERO;
      for (UploadOutcome outcome : ParallelBlobs.run(to.client().config().parallelTransfers(), blobs,
          blob -> copy(blob, sameRegistry))) {
        counts = counts.plus(outcome);
      }
      return counts;
    } catch (InterruptedIOException e) {
      throw new HoistException("interrupted while copying blobs");
    } catch (IOException e) {
      throw new HoistException("blob copy failed: " + e.getMessage(), e);
    }
  }

  private UploadOutcome copy(Descriptor blob, boolean sameRegistry) {
    listener.blobStarted(blob);
    Optional<String> mount = sameRegistry ? Optional.of(from.name()) : Optional.empty();
    UploadOutcome outcome = to.uploadBlob(blob.digest(), blob.size(), offset -> {
      InputStream in = from.openBlob(blob);
      in.skipNBytes(offset);
      return in;
    }, mount);
    listener.blobDone(blob, outcome);
    return outcome;
  }
}
