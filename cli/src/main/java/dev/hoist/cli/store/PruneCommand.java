package dev.hoist.cli.store;

import dev.hoist.cache.store.PruneReport;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hoist prune}: removes blobs no image or cache entry reaches. */
@Command(name = "prune", description = "Remove blobs that no image or cache entry uses.")
public final class PruneCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = "--keep-storage", paramLabel = "SIZE",
      description = "Also evict least recently used cache entries until the store is at most SIZE (e.g. 10GB).")
  String keepStorage;

  @Override
  public Integer call() throws Exception {
    OptionalLong keep = keepStorage == null ? OptionalLong.empty() : OptionalLong.of(Sizes.parse(keepStorage));
    PruneReport r = store().prune(keep);
    out().printf("Removed %d blobs and %d cache entries, %s reclaimed%n", r.blobsRemoved(), r.cacheEntriesRemoved(),
        Sizes.human(r.bytesFreed()));
    return 0;
  }
}
