package dev.hoist.registry.index;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.Repository;
import dev.hoist.registry.copy.CopyListener;
import dev.hoist.registry.copy.PlatformSelection;
import dev.hoist.registry.copy.RegistryCopier;
import dev.hoist.registry.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a multi-platform index from images already pushed, as {@code manifest-tool} and
 * {@code buildx imagetools create} do: each image's platform comes from its config; a source that
 * is itself an index contributes all its entries. Images in other repositories are copied into the
 * target repository first (mounted when the registry is the same).
 */
public final class IndexAssembler {
  private static final int MAX_CONFIG = 8 * 1024 * 1024;
  private final RegistryClients clients;

  public IndexAssembler(RegistryClients clients) {
    this.clients = clients;
  }

  /** Builds and pushes a new index under {@code target} naming {@code sources}. */
  public RawManifest create(ImageReference target, List<ImageReference> sources, Map<String, String> annotations,
      IndexFormat format) {
    return push(target, entries(target, sources), annotations, format);
  }

  /**
   * Adds {@code sources} to the index {@code target} names and pushes the result under the same
   * name; an entry for a platform that a new image also has is replaced.
   */
  public RawManifest append(ImageReference target, List<ImageReference> sources, Map<String, String> annotations) {
    Repository repo = clients.repository(target);
    RawManifest existing = repo.manifest(target.manifestReference());
    if (!existing.isIndex()) {
      throw new HoistException(target + " is a single image, not an index; use 'hoist index create'");
    }
    ImageIndex old = existing.index();
    List<Descriptor> added = entries(target, sources);
    List<Descriptor> merged = new ArrayList<>();
    for (Descriptor d : old.manifests()) {
      boolean replaced = added.stream().anyMatch(n -> n.digest().equals(d.digest())
          || (n.platform() != null && d.platform() != null && n.platform().equals(d.platform())));
      if (!replaced) {
        merged.add(d);
      }
    }
    merged.addAll(added);
    Map<String, String> allAnnotations = new LinkedHashMap<>(old.annotations());
    allAnnotations.putAll(annotations);
    IndexFormat format = existing.mediaType().equals(MediaType.DOCKER_MANIFEST_LIST) ? IndexFormat.DOCKER : IndexFormat.OCI;
    return push(target, merged, allAnnotations, format);
  }

  private RawManifest push(ImageReference target, List<Descriptor> entries, Map<String, String> annotations,
      IndexFormat format) {
    if (entries.isEmpty()) {
      throw new HoistException("an index needs at least one image");
    }
    ImageIndex index;
    if (format == IndexFormat.DOCKER) {
      if (!annotations.isEmpty()) {
        throw new HoistException("a Docker manifest list cannot carry annotations; use --format oci");
      }
      for (Descriptor d : entries) {
        if (!d.mediaType().equals(MediaType.DOCKER_MANIFEST)) {
          throw new HoistException("image " + d.digest() + " is " + d.mediaType()
              + ", which a Docker manifest list cannot name; use --format oci");
        }
      }
      index = ImageIndex.dockerList(entries);
    } else {
      index = ImageIndex.oci(entries, annotations);
    }
    byte[] bytes = index.toJson();
    Repository repo = clients.repository(target);
    String reference = target.tag().isPresent() || target.digest().isEmpty()
        ? target.tagOrLatest() : target.digest().get().toString();
    var digest = repo.putManifest(bytes, format.mediaType(), reference);
    return new RawManifest(bytes, format.mediaType(), digest);
  }

  private List<Descriptor> entries(ImageReference target, List<ImageReference> sources) {
    List<Descriptor> entries = new ArrayList<>();
    Repository targetRepo = clients.repository(target);
    for (ImageReference source : sources) {
      Repository from = clients.repository(source);
      RawManifest m = from.manifest(source.manifestReference());
      boolean elsewhere = !source.registry().equals(target.registry()) || !source.repository().equals(target.repository());
      if (elsewhere) {
        new RegistryCopier(clients).copy(source, target.repositoryOnly().withDigest(m.digest()), PlatformSelection.all(),
            CopyListener.NONE);
      }
      if (m.isIndex()) {
        entries.addAll(m.index().manifests());
        continue;
      }
      Manifest manifest = m.manifest();
      Platform platform = platformOf(from, manifest, source);
      entries.add(m.descriptor().withPlatform(platform));
    }
    return entries;
  }

  private static Platform platformOf(Repository repo, Manifest manifest, ImageReference source) {
    Descriptor config = manifest.config();
    if (config.size() > MAX_CONFIG) {
      throw new HoistException("config of " + source + " is larger than " + MAX_CONFIG + " bytes");
    }
    try (InputStream in = repo.openBlob(config)) {
      ImageConfig parsed = ImageConfig.parse(in.readAllBytes(), "config of " + source);
      if (parsed.os().isEmpty() || parsed.architecture().isEmpty()) {
        throw new HoistException("config of " + source + " names no os/architecture; cannot place it in an index");
      }
      return parsed.platform();
    } catch (IOException e) {
      throw new HoistException("cannot read config of " + source + ": " + e.getMessage(), e);
    }
  }

}
