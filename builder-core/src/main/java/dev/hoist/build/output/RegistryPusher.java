package dev.hoist.build.output;

import dev.hoist.build.api.BuildResult;
import dev.hoist.build.upload.StoreBlobUploader;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes a build to each tag: blobs the repository lacks (streamed from the store), then each
 * platform's manifest, then under the tag the manifest (one platform) or the index naming the
 * manifests by digest. With OCI media types the stored manifests and index are pushed as they are,
 * so the pushed digest is the built one. With Docker media types ({@code oci-mediatypes=false})
 * manifests, configs, layers and the index (a manifest list) are retyped, which changes their
 * digests; they cannot carry annotations, so a build with annotations must not be pushed that way
 * (the CLI refuses the combination before it builds). A blob pushed before to another repository
 * of the same registry is mounted from there ({@link StoreBlobUploader}).
 */
public final class RegistryPusher {
  private final LocalStore store;
  private final RegistryClients registries;

  public RegistryPusher(LocalStore store, RegistryClients registries) {
    this.store = store;
    this.registries = registries;
  }

  /** What was pushed under one tag: the manifest or index the tag names. */
  public record Pushed(ImageReference tag, Descriptor descriptor) {
    /** {@code name:tag@digest}. */
    @Override
    public String toString() {
      return tag.repositoryOnly().name() + ":" + tag.tagOrLatest() + "@" + descriptor.digest();
    }
  }

  /** Pushes {@code result} to every tag. */
  public List<Pushed> push(BuildResult result, List<ImageReference> tags, boolean ociMediaTypes) throws IOException {
    try (StoreBlobUploader uploader = StoreBlobUploader.open(store)) {
      return push(result, tags, ociMediaTypes, uploader);
    }
  }

  /** One platform's manifest as it is pushed: the blobs it needs, its bytes and its descriptor (with the platform). */
  private record Outgoing(List<Descriptor> blobs, byte[] bytes, Descriptor descriptor) {}

  private List<Pushed> push(BuildResult result, List<ImageReference> tags, boolean ociMediaTypes,
      StoreBlobUploader uploader) throws IOException {
    List<Outgoing> images = new ArrayList<>();
    for (BuildResult.PlatformImage image : result.images()) {
      byte[] built = store.readBlob(image.manifest().digest());
      Manifest m = Manifest.parse(built, "built manifest");
      List<Descriptor> blobs = new ArrayList<>(m.layers());
      blobs.add(m.config());
      byte[] bytes = ociMediaTypes ? built : dockerManifest(m).toJson();
      String type = ociMediaTypes ? MediaType.OCI_MANIFEST : MediaType.DOCKER_MANIFEST;
      images.add(new Outgoing(blobs, bytes,
          new Descriptor(type, Digest.sha256(bytes), bytes.length, null, null, image.platform(), null, null)));
    }
    boolean multiPlatform = images.size() > 1;
    byte[] index = !multiPlatform ? null : ociMediaTypes ? store.readBlob(result.root().digest())
        : ImageIndex.dockerList(images.stream().map(Outgoing::descriptor).toList()).toJson();
    String indexType = ociMediaTypes ? MediaType.OCI_INDEX : MediaType.DOCKER_MANIFEST_LIST;
    List<Pushed> pushed = new ArrayList<>();
    for (ImageReference tag : tags) {
      Repository repo = registries.repository(tag);
      for (Outgoing image : images) {
        uploader.uploadAll(repo, tag.registry(), image.blobs());
        Descriptor d = image.descriptor();
        repo.putManifest(image.bytes(), d.mediaType(), multiPlatform ? d.digest().toString() : tag.tagOrLatest());
      }
      Descriptor first = images.get(0).descriptor();
      Descriptor top = multiPlatform
          ? Descriptor.of(indexType, repo.putManifest(index, indexType, tag.tagOrLatest()), index.length)
          : Descriptor.of(first.mediaType(), first.digest(), first.size());
      pushed.add(new Pushed(tag, top));
    }
    return pushed;
  }

  private static Manifest dockerManifest(Manifest m) {
    Descriptor config = m.config().withMediaType(MediaType.DOCKER_CONFIG);
    List<Descriptor> layers = m.layers().stream()
        .map(l -> l.withMediaType(MediaType.layerCompression(l.mediaType()).dockerLayerType()))
        .toList();
    return Manifest.docker(config, layers);
  }
}
