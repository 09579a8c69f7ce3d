package dev.hoist.transfer;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Moves images between hoist's store and files: {@code save}, {@code load}, and {@link #copy}
 * between any two {@link Endpoint}s (registry endpoints through the registry client).
 */
public final class Transfers {
  private final LocalStore store;
  private final Optional<RegistryClients> registries;
  private final int parallel;

  /** Transfers between the store and files only, the default number of blobs at once. */
  public Transfers(LocalStore store) {
    this.store = store;
    this.registries = Optional.empty();
    this.parallel = RegistryConfig.DEFAULT_PARALLEL_TRANSFERS;
  }

  /**
   * Transfers that may also reach registries through {@code registries}, moving as many blobs at
   * once as their configuration's {@code parallelTransfers}.
   */
  public Transfers(LocalStore store, RegistryClients registries) {
    this.store = store;
    this.registries = Optional.of(registries);
    this.parallel = registries.config().parallelTransfers();
  }

  /**
   * {@code hoist pull}: the image {@code ref} for {@code platform} (this host's when empty) from its
   * registry into the store, named by the reference's canonical form.
   */
  public CopiedImage pull(String ref, Optional<Platform> platform) throws IOException {
    ImageReference reference = ImageReference.parse(ref);
    Platform want = platform.orElse(Platform.host());
    try (ImageSource source = new RegistrySource(clients().repository(reference), reference);
        ImageDestination destination = new LayoutDestination(store, false)) {
      String name = LocalStore.canonicalName(ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref);
      List<CopiedImage> copied = copyAndFinish(source, destination, Optional.of(want), Optional.of(name));
      return new CopiedImage(Optional.of(name), copied.get(0).descriptor());
    }
  }

  /** {@code hoist push}: the stored image {@code localRef} to {@code remoteRef} (the same name when empty). */
  public CopiedImage push(String localRef, Optional<String> remoteRef) throws IOException {
    String stored = store.resolve(localRef).orElseThrow(() -> new HoistException("no such image: " + localRef)).name();
    ImageReference target = ImageReference.parse(remoteRef.orElse(stored));
    try (ImageSource source = new LayoutSource(store, List.of(stored));
        ImageDestination destination = new RegistryDestination(clients().repository(target), target)) {
      List<CopiedImage> copied = copyAndFinish(source, destination, Optional.empty(), Optional.empty());
      return new CopiedImage(Optional.of(target.toString()), copied.get(0).descriptor());
    }
  }

  private RegistryClients clients() {
    return registries.orElseThrow(() -> new IllegalStateException("this Transfers has no registry clients"));
  }

  /** {@code hoist save}: images {@code refs} into one archive. */
  public List<CopiedImage> save(List<String> refs, Path file, ArchiveFormat format, Optional<Platform> platform)
      throws IOException {
    if (refs.isEmpty()) {
      throw new HoistException("save needs at least one image");
    }
    try (ImageSource source = new LayoutSource(store, refs);
        ImageDestination destination = format == ArchiveFormat.OCI
            ? new OciArchiveDestination(file) : new DockerArchiveDestination(file)) {
      return copyAndFinish(source, destination, platform, Optional.empty());
    }
  }

  /** {@code hoist load}: every image of a docker or OCI archive into the store. */
  public List<CopiedImage> load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new HoistException("no such archive: " + file);
    }
    try (ImageSource source = ImageArchives.open(file);
        ImageDestination destination = new LayoutDestination(store, false)) {
      List<CopiedImage> copied = copyAndFinish(source, destination, Optional.empty(), Optional.empty());
      return copied.stream()
          .map(c -> new CopiedImage(c.name().map(LocalStore::canonicalName), c.descriptor()))
          .toList();
    }
  }

  /** Copies between two endpoints (registry endpoints need the registry-client constructor). */
  public List<CopiedImage> copy(Endpoint from, Endpoint to, Optional<Platform> platform) throws IOException {
    try (ImageSource source = source(from); ImageDestination destination = destination(to)) {
      return copyAndFinish(source, destination, platform, targetName(to));
    }
  }

  /**
   * Copies {@code from} as an OCI archive streamed to {@code out} in one pass (flushed, left open),
   * its image named {@code name} when given: {@code --output type=oci,dest=-}.
   */
  public List<CopiedImage> copyToOciArchive(Endpoint from, OutputStream out, Optional<String> name)
      throws IOException {
    try (ImageSource source = source(from); ImageDestination destination = new OciArchiveDestination(out)) {
      return copyAndFinish(source, destination, Optional.empty(), name);
    }
  }

  ImageSource source(Endpoint e) throws IOException {
    if (e instanceof Endpoint.Store s) {
      return new LayoutSource(store, List.of(s.name()));
    }
    if (e instanceof Endpoint.OciLayout l) {
      if (!Files.isRegularFile(l.dir().resolve("index.json"))) {
        throw new HoistException(l.dir() + " is not an OCI image layout (no index.json)");
      }
      return new LayoutSource(LocalStore.open(l.dir()), l.name().map(List::of).orElse(List.of()));
    }
    if (e instanceof Endpoint.OciArchive a) {
      return OciArchiveSource.open(a.file(), a.name());
    }
    if (e instanceof Endpoint.DockerArchive d) {
      return DockerArchiveSource.open(d.file());
    }
    ImageReference ref = ((Endpoint.Registry) e).reference();
    return new RegistrySource(clients().repository(ref), ref);
  }

  ImageDestination destination(Endpoint e) throws IOException {
    if (e instanceof Endpoint.Store) {
      return new LayoutDestination(store, false);
    }
    if (e instanceof Endpoint.OciLayout l) {
      return new LayoutDestination(LocalStore.open(l.dir()), true);
    }
    if (e instanceof Endpoint.OciArchive a) {
      return new OciArchiveDestination(a.file());
    }
    if (e instanceof Endpoint.DockerArchive d) {
      return new DockerArchiveDestination(d.file());
    }
    ImageReference ref = ((Endpoint.Registry) e).reference();
    return new RegistryDestination(clients().repository(ref), ref);
  }

  /** Copies the images of {@code source} (for {@code platform}, named {@code name}) and finishes {@code destination}. */
  private List<CopiedImage> copyAndFinish(ImageSource source, ImageDestination destination, Optional<Platform> platform,
      Optional<String> name) throws IOException {
    List<CopiedImage> copied = new ImageCopier(platform, parallel).copy(source, destination, name);
    destination.finish();
    return copied;
  }

  private static Optional<String> targetName(Endpoint e) {
    if (e instanceof Endpoint.Store s) {
      return Optional.of(s.name());
    }
    if (e instanceof Endpoint.OciLayout l) {
      return l.name();
    }
    if (e instanceof Endpoint.OciArchive a) {
      return a.name();
    }
    if (e instanceof Endpoint.DockerArchive d) {
      return d.name();
    }
    return Optional.of(((Endpoint.Registry) e).reference().toString());
  }
}
