package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
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

  /** The rootfs at the reader's current token, or null for JSON null. */
  static RootFs read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    String type = null;
    List<Digest> diffIds = null;
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "type" -> type = json.string();
        case "diff_ids" -> diffIds = json.list(JsonReader::digest);
        default -> json.skip();
      }
    }
    return new RootFs(type, diffIds);
  }
}
