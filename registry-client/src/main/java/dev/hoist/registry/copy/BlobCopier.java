package dev.hoist.registry.copy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.manifest.ManifestOutline;
import dev.hoist.registry.manifest.RawManifest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies blobs from one repository to another in parallel: skipped when the target has them,
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
    int threads = Math.min(blobs.size(), to.client().config().parallelTransfers());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hoist-copy");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<UploadOutcome>> futures = new ArrayList<>();
      for (Descriptor blob : blobs) {
        futures.add(pool.submit(() -> copy(blob, sameRegistry)));
      }
      BlobCounts counts = BlobCounts.ZERO;
      for (Future<UploadOutcome> f : futures) {
        counts = counts.plus(f.get());
      }
      return counts;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new HoistException("blob copy failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoistException("interrupted while copying blobs");
    } finally {
      pool.shutdownNow();
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
