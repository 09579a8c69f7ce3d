package dev.hoist.transfer;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.StoredImage;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads images from an OCI image layout: hoist's store ({@code store:NAME}) or any {@code oci:DIR[:name]}. */
public final class LayoutSource implements ImageSource {
  private final LocalStore layout;
  private final List<String> refs;

  /** Images {@code refs} of {@code layout}; every named image when {@code refs} is empty. */
  public LayoutSource(LocalStore layout, List<String> refs) {
    this.layout = layout;
    this.refs = List.copyOf(refs);
  }

  @Override
  public List<SourceImage> images() throws IOException {
    List<StoredImage> chosen = new ArrayList<>();
    if (refs.isEmpty()) {
      chosen.addAll(layout.images());
    } else {
      for (String ref : refs) {
        chosen.add(layout.resolve(ref).orElseThrow(() -> new HoistException(
            "no image " + ref + " in " + layout.home())));
      }
    }
    List<SourceImage> out = new ArrayList<>();
    for (StoredImage image : chosen) {
      out.add(new SourceImage(Optional.of(image.name()), manifest(image.descriptor())));
    }
    return out;
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    return new RawManifest(descriptor.mediaType(), layout.readBlob(descriptor.digest()));
  }

  @Override
  public InputStream blob(Descriptor descriptor) throws IOException {
    return layout.openBlob(descriptor.digest());
  }

  @Override
  public void close() {}
}
