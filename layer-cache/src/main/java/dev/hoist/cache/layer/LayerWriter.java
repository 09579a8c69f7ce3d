package dev.hoist.cache.layer;

import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.oci.MediaType.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Writes layers in one pass: tar entries -> diff ID (sha256 of the tar) -> compression -> digest,
 * straight into the store with no temp copy. Settings: compression (gzip by default), compression
 * threads (output bytes do not depend on them), and an optional mtime clamp
 * ({@code SOURCE_DATE_EPOCH}) so the same tree always gives the same digest.
 */
public final class LayerWriter {
  private final Compression compression;
  private final int threads;
  private final Optional<Instant> clampMtime;

  private LayerWriter(Compression compression, int threads, Optional<Instant> clampMtime) {
    this.compression = compression;
    this.threads = threads;
    this.clampMtime = clampMtime;
  }

  /** gzip, all cores, mtimes clamped to {@code SOURCE_DATE_EPOCH} when that is set. */
  public static LayerWriter defaults() {
    return new LayerWriter(Compression.GZIP, Compressors.defaultThreads(), sourceDateEpoch());
  }

  public LayerWriter withCompression(Compression c) {
    return new LayerWriter(c, threads, clampMtime);
  }

  public LayerWriter withThreads(int t) {
    return new LayerWriter(compression, Math.max(1, t), clampMtime);
  }

  public LayerWriter withClampMtime(Optional<Instant> clamp) {
    return new LayerWriter(compression, threads, clamp);
  }

  /** The mtime clamp ({@code SOURCE_DATE_EPOCH}), which also serves as the {@code created} time. */
  public Optional<Instant> clampTime() {
    return clampMtime;
  }

  public Compression compression() {
    return compression;
  }

  /** {@code SOURCE_DATE_EPOCH} from the environment, if set. */
  public static Optional<Instant> sourceDateEpoch() {
    String v = System.getenv("SOURCE_DATE_EPOCH");
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      throw new dev.hoist.oci.HoistException("SOURCE_DATE_EPOCH must be whole seconds since 1970, not '" + v + "'");
    }
  }

  /** Starts a layer that goes into {@code store}. */
  public LayerSink open(LocalStore store) throws IOException {
    return new LayerSink(store.newBlob(), compression, threads, clampMtime, Optional.of(store));
  }

  /** Starts a layer written to {@code out} (e.g. for benchmarks); the descriptor then names no stored blob. */
  public LayerSink open(OutputStream out) throws IOException {
    return new LayerSink(out, compression, threads, clampMtime, Optional.empty());
  }

  /** Writes the tree under {@code dir} as a layer into {@code store}, entries named relative to {@code dir}. */
  public Layer writeDirectory(Path dir, LocalStore store) throws IOException {
    return writeDirectory(dir, "", UnaryOperator.identity(), store);
  }

  /**
   * Writes the tree under {@code dir} as a layer, entries named {@code prefix/relative} and passed
   * through {@code adjust} (e.g. to override owner or mode).
   */
  public Layer writeDirectory(Path dir, String prefix, UnaryOperator<TarEntry> adjust, LocalStore store)
      throws IOException {
    try (LayerSink sink = open(store)) {
      sink.addTree(dir, prefix, adjust);
      return sink.finish();
    }
  }
}
