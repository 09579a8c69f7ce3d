package dev.hoist.runtime.snapshot;

import dev.hoist.oci.Digest;
import java.util.ArrayList;
import java.util.List;

/** A layer of an image by its chain ID, with the way to unpack it should its folder not exist yet. */
public record ChainLayer(Digest chainId, LayerUnpacker unpacker) {

  /**
   * The OCI chain IDs of a stack of layers, base first: the first layer's is its diff ID, each
   * next one is {@code sha256(parentChainId + " " + diffId)}.
   */
  public static List<Digest> chainIds(List<Digest> diffIds) {
    List<Digest> out = new ArrayList<>();
    Digest parent = null;
    for (Digest d : diffIds) {
      parent = parent == null ? d : Digest.sha256(parent + " " + d);
      out.add(parent);
    }
    return out;
  }
}
