package dev.hoist.build.output;

import dev.hoist.build.api.BuildResult;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import dev.hoist.transfer.Endpoint;
import dev.hoist.transfer.RootfsExporter;
import dev.hoist.transfer.Transfers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes a built image (already in the local store) to a file output: an OCI archive or layout
 * directory, a {@code docker load} archive, the root filesystem as a directory or tar (one
 * sub-directory per platform, {@code linux_arm64}, when several were built). The moving is done by
 * the transfer module; the image is reached through a temporary store name when it has no tag.
 * An OCI archive or rootfs tar for stdout ({@code dest=-}) is streamed there in one pass; a docker
 * archive is written to a spool file in the store first, because its layer headers are written
 * after their content, which needs a seekable file.
 */
public final class OutputWriter {
  private final LocalStore store;
  private final BuildResult result;
  private final List<ImageReference> tags;
  private final OutputStream stdout;

  public OutputWriter(LocalStore store, BuildResult result, List<ImageReference> tags, OutputStream stdout) {
    this.store = store;
    this.result = result;
    this.tags = List.copyOf(tags);
    this.stdout = stdout;
  }

  public void write(OutputSpec spec) throws IOException {
    if (spec.toStdout() && spec.type() == OutputSpec.Type.TAR && result.images().size() > 1) {
      throw new HoistException("--output type=tar,dest=- holds one platform; build one --platform or give a folder as dest");
    }
    String tmpName = "localhost/hoist-build-output:" + result.root().digest().hex().substring(0, 16);
    store.tag(tmpName, result.root());
    try {
      Optional<String> name = spec.names().stream().findFirst().or(() -> tags.stream().findFirst().map(ImageReference::toString));
      switch (spec.type()) {
        case OCI -> oci(spec, tmpName, name);
        case DOCKER -> docker(spec, tmpName, name);
        case LOCAL, TAR -> rootfs(spec, tmpName);
        default -> throw new IllegalArgumentException("not a file output: " + spec.type());
      }
    } finally {
      store.untag(tmpName);
    }
  }

  private void oci(OutputSpec spec, String ref, Optional<String> name) throws IOException {
    // An OCI layout names an image by its tag alone (as BuildKit's oci exporter does, and umoci requires).
    Optional<String> ociName = name.map(n -> ImageReference.parse(n).tagOrLatest());
    Transfers transfers = new Transfers(store);
    if (spec.toStdout()) {
      transfers.copyToOciArchive(new Endpoint.Store(ref), stdout, ociName);
      return;
    }
    Path dest = Path.of(spec.dest().orElseThrow());
    transfers.copy(new Endpoint.Store(ref),
        spec.tar() ? new Endpoint.OciArchive(dest, ociName) : new Endpoint.OciLayout(dest, ociName), Optional.empty());
  }

  private void docker(OutputSpec spec, String ref, Optional<String> name) throws IOException {
    if (result.images().size() > 1) {
      throw new HoistException("--output type=docker holds one platform; build one --platform or use type=oci");
    }
    Transfers transfers = new Transfers(store);
    if (!spec.toStdout()) {
      transfers.copy(new Endpoint.Store(ref), new Endpoint.DockerArchive(Path.of(spec.dest().orElseThrow()), name),
          Optional.empty());
      return;
    }
    Path spool = Files.createTempFile(store.home(), ".output-", ".tar");
    try {
      transfers.copy(new Endpoint.Store(ref), new Endpoint.DockerArchive(spool, name), Optional.empty());
      Files.copy(spool, stdout);
      stdout.flush();
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  private void rootfs(OutputSpec spec, String ref) throws IOException {
    RootfsExporter exporter = new RootfsExporter(store);
    if (spec.toStdout()) {
      exporter.toTar(ref, Optional.of(result.images().get(0).platform()), stdout);
      return;
    }
    Path dest = Path.of(spec.dest().orElseThrow());
    boolean several = result.images().size() > 1;
    for (BuildResult.PlatformImage image : result.images()) {
      Path target = several ? dest.resolve(image.platform().toString().replace('/', '_')) : dest;
      if (spec.type() == OutputSpec.Type.LOCAL) {
        exporter.toDirectory(ref, Optional.of(image.platform()), target);
      } else {
        if (several) {
          Files.createDirectories(dest);
          target = dest.resolve(image.platform().toString().replace('/', '_') + ".tar");
        }
        exporter.toTar(ref, Optional.of(image.platform()), target);
      }
    }
  }
}
