package dev.hoist.transfer;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.StoreLease;
import dev.hoist.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Writes images into an OCI image layout. In hoist's store names are normalised ({@code busybox}
 * becomes {@code busybox:latest}); in a plain {@code oci:DIR:name} layout they are kept exactly, as
 * skopeo and umoci look them up. An image without a name is named {@code loaded:<digest prefix>}.
 */
public final class LayoutDestination implements ImageDestination {
  private final LocalStore layout;
  private final boolean exactNames;
  private final StoreLease lease;

  /** Holds a {@link StoreLease} on {@code layout} until closed, so prune cannot take half-copied images. */
  public LayoutDestination(LocalStore layout, boolean exactNames) throws IOException {
    this.layout = layout;
    this.exactNames = exactNames;
    this.lease = layout.lease();
  }

  @Override
  public boolean acceptsParallelBlobs() {
    return true;
  }

  @Override
  public boolean hasBlob(Descriptor descriptor) {
    return layout.hasBlob(descriptor.digest());
  }

  @Override
  public void putBlob(Descriptor descriptor, BlobOpener content) throws IOException {
    try (InputStream in = content.open()) {
      layout.putBlob(descriptor.mediaType(), in, Optional.of(descriptor.digest()));
    }
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    if (!layout.hasBlob(manifest.digest())) {
      layout.putBytes(manifest.mediaType(), manifest.bytes());
    }
  }

  @Override
  public void commit(RawManifest top, Optional<String> name) throws IOException {
    String n = name.orElse("loaded:" + top.digest().shortHex());
    if (exactNames) {
      layout.tagExactly(n, top.descriptor());
    } else {
      layout.tag(n, top.descriptor());
    }
  }

  @Override
  public void close() throws IOException {
    lease.close();
  }
}
