package dev.hoist.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.extract.ExtractResult;
import dev.hoist.oci.Digest;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSnapshotsTest {
  @TempDir Path tmp;

  @Test
  void chainIdsFollowTheOciDefinition() {
    Digest a = Digest.sha256("a");
    Digest b = Digest.sha256("b");
    assertThat(ChainLayer.chainIds(List.of(a, b))).containsExactly(a, Digest.sha256(a + " " + b));
  }

  @Test
  void eachLayerIsUnpackedOnceConvertedToOverlayFormAndPrunedWhenNoLeaseHoldsIt() throws Exception {
    LayerSnapshots snapshots = new LayerSnapshots(tmp.resolve("snapshots"), UserNamespace.detect(), w -> { });
    AtomicInteger unpacks = new AtomicInteger();
    List<Digest> chain = ChainLayer.chainIds(List.of(Digest.sha256("base"), Digest.sha256("top")));
    List<ChainLayer> layers = List.of(
        new ChainLayer(chain.get(0), dir -> {
          unpacks.incrementAndGet();
          Files.writeString(dir.resolve("a"), "a");
          Files.writeString(dir.resolve("b"), "b");
          return new ExtractResult(2, List.of(), List.of());
        }),
        new ChainLayer(chain.get(1), dir -> {
          unpacks.incrementAndGet();
          Files.createFile(dir.resolve(".wh.a"));
          return new ExtractResult(1, List.of(), List.of());
        }));

    try (LayerSnapshots.Lease first = snapshots.acquire(layers);
         LayerSnapshots.Lease second = snapshots.acquire(layers)) {
      assertThat(unpacks).hasValue(2);
      assertThat(first.lowers()).isEqualTo(second.lowers());
      assertThat(first.lowers().find("a")).isEmpty();
      assertThat(first.lowers().find("b")).isPresent();
      assertThat(first.lowers().layers().get(1).resolve(".wh.a")).doesNotExist();
      assertThat(snapshots.prune()).isZero();
    }
    assertThat(snapshots.prune()).isEqualTo(2);
    try (LayerSnapshots.Lease again = snapshots.acquire(layers)) {
      assertThat(unpacks).hasValue(4);
    }
  }

  @Test
  void whatAnUnpackCouldNotRestoreGoesToTheWarningSinkWhenTheLayerIsUnpacked() throws Exception {
    List<String> warnings = new ArrayList<>();
    LayerSnapshots snapshots = new LayerSnapshots(tmp.resolve("snapshots"), UserNamespace.detect(), warnings::add);
    List<ChainLayer> layers = List.of(new ChainLayer(Digest.sha256("device"), dir -> {
      Files.writeString(dir.resolve("a"), "a");
      return new ExtractResult(1, List.of("skipped device dev/null (needs root)"), List.of());
    }));

    try (LayerSnapshots.Lease first = snapshots.acquire(layers);
         LayerSnapshots.Lease second = snapshots.acquire(layers)) {
      assertThat(warnings).containsExactly("warning: skipped device dev/null (needs root)");
    }
  }
}
