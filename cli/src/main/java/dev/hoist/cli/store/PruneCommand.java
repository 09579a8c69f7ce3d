package dev.hoist.cli.store;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.PruneReport;
import dev.hoist.runtime.snapshot.LayerSnapshots;
import dev.hoist.runtime.userns.UserNamespace;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hoist prune}: removes blobs no image or cache entry reaches, and the unpacked layer
 * snapshots of RUN steps that no running build holds.
 */
@Command(name = "prune", description = "Remove blobs that no image or cache entry uses.")
public final class PruneCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = "--keep-storage", paramLabel = "SIZE",
      description = "Also evict least recently used cache entries until the store is at most SIZE (e.g. 10GB).")
  String keepStorage;

  @Override
  public Integer call() throws Exception {
    OptionalLong keep = keepStorage == null ? OptionalLong.empty() : OptionalLong.of(Sizes.parse(keepStorage));
    LocalStore store = store();
    PruneReport r = store.prune(keep);
    int snapshots = new LayerSnapshots(store.home().resolve("snapshots"), UserNamespace.detect(), w -> { }).prune();
    out().printf("Removed %d blobs, %d cache entries and %d unpacked layer snapshots, %s reclaimed%n",
        r.blobsRemoved(), r.cacheEntriesRemoved(), snapshots, Sizes.human(r.bytesFreed()));
    return 0;
  }
}
