package dev.hoist.cache.layer;

import dev.hoist.oci.MediaType.Compression;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Benchmark entry point for bench/layer-write.sh: writes the tree {@code args[0]} as a gzip layer
 * to nowhere on {@code args[1]} threads, {@code args[2]} times, and prints the best wall time and
 * the digest (which must not depend on the thread count).
 */
public final class LayerWriteBench {
  private LayerWriteBench() {}

  public static void main(String[] args) throws Exception {
    Path tree = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    LayerWriter writer = LayerWriter.defaults().withThreads(threads).withCompression(Compression.GZIP)
        .withClampMtime(Optional.empty());
    long best = Long.MAX_VALUE;
    Layer layer = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (LayerSink sink = writer.open(OutputStream.nullOutputStream())) {
        sink.addTree(tree, "", e -> e);
        layer = sink.finish();
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf("threads=%d best=%.2fs tar=%dMB gz=%dMB digest=%s%n", threads, best / 1e9,
        layer.uncompressedSize() >> 20, layer.descriptor().size() >> 20, layer.descriptor().digest());
  }
}
