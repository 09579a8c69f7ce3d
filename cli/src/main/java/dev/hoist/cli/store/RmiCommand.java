package dev.hoist.cli.store;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.HoistException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hoist rmi REF...}: removes image names; {@code hoist prune} then frees their blobs. */
@Command(name = "rmi", description = "Remove images from the local store (blobs are freed by 'hoist prune').")
public final class RmiCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "REF")
  List<String> refs;

  @Override
  public Integer call() throws Exception {
    LocalStore store = store();
    for (String ref : refs) {
      String name = store.resolve(ref).orElseThrow(() -> new HoistException("no such image: " + ref)).name();
      store.untag(name);
      out().println("Untagged: " + name);
    }
    return 0;
  }
}
