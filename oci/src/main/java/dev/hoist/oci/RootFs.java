package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code rootfs} of an image config: the uncompressed digests (diff IDs) of its layers, in order. */
public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
  public RootFs {
    type = type == null ? "layers" : type;
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
  }

  public static RootFs of(List<Digest> diffIds) {
    return new RootFs("layers", diffIds);
  }
}
