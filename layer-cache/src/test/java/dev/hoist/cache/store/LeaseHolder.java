package dev.hoist.cache.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** Child process of {@link StoreLeaseTest}: takes a lease on a store and holds it until killed. */
public final class LeaseHolder {
  private LeaseHolder() {}

  public static void main(String[] args) throws Exception {
    LocalStore store = LocalStore.open(Path.of(args[0]));
    try (StoreLease lease = store.lease()) {
      Files.writeString(Path.of(args[1]), "leased");
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
