package dev.hoist.registry.copy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.manifest.ManifestOutline;
import dev.hoist.registry.manifest.RawManifest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies an image from one registry repository to another: every blob first (in parallel, skipped
 * when the target has it, mounted when both repositories share a registry, otherwise streamed from
 * GET straight into the upload), then child manifests by digest, then the top manifest under the
 * target tag. Manifests are pushed as the exact bytes read.
 */
public final class RegistryCopier {
  private final RegistryClients clients;

  public RegistryCopier(RegistryClients clients) {
    this.clients = clients;
  }

  /** Copies {@code source} to {@code target}, taking the platforms {@code selection} names. */
  public CopyResult copy(ImageReference source, ImageReference target, PlatformSelection selection,
      CopyListener listener) {
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
    Map<UploadOutcome, Integer> counts = copyBlobs(from, to, new ArrayList<>(blobs.values()), listener);
    for (RawManifest child : children) {
      to.putManifest(child.bytes(), child.mediaType(), child.digest().toString());
      listener.manifestPushed(target.withDigest(child.digest()), child.digest());
    }
    String reference = target.digest().isPresent() && target.tag().isEmpty()
        ? target.digest().get().toString() : target.tagOrLatest();
    to.putManifest(pushedTop.bytes(), pushedTop.mediaType(), reference);
    listener.manifestPushed(target, pushedTop.digest());
    return new CopyResult(target, pushedTop.digest(), pushedTop.mediaType(),
        counts.get(UploadOutcome.UPLOADED), counts.get(UploadOutcome.MOUNTED), counts.get(UploadOutcome.EXISTED));
  }

  private Map<UploadOutcome, Integer> copyBlobs(Repository from, Repository to, List<Descriptor> blobs,
      CopyListener listener) {
    Map<UploadOutcome, Integer> counts = new EnumMap<>(UploadOutcome.class);
    for (UploadOutcome o : UploadOutcome.values()) {
      counts.put(o, 0);
    }
    if (blobs.isEmpty()) {
      return counts;
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
        futures.add(pool.submit(() -> copyBlob(from, to, blob, sameRegistry, listener)));
      }
      for (Future<UploadOutcome> f : futures) {
        UploadOutcome o = f.get();
        counts.merge(o, 1, Integer::sum);
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

  private static UploadOutcome copyBlob(Repository from, Repository to, Descriptor blob, boolean sameRegistry,
      CopyListener listener) {
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
