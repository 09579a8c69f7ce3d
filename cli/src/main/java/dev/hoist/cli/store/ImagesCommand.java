package dev.hoist.cli.store;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.cache.store.StoredImage;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hoist images}: the named images in the store. */
@Command(name = "images", description = "List images in the local store.")
public final class ImagesCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = {"-q", "--quiet"}, description = "Print image IDs only.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    LocalStore store = store();
    if (!quiet) {
      out().printf("%-40s %-16s %-14s %-22s %s%n", "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
    }
    for (StoredImage image : store.images()) {
      StoreImage s = StoreImage.of(store, image, Optional.empty());
      if (quiet) {
        out().println(s.id());
        continue;
      }
      String name = image.name();
      int colon = name.lastIndexOf(':');
      boolean hasTag = colon > name.lastIndexOf('/');
      out().printf("%-40s %-16s %-14s %-22s %s%n", hasTag ? name.substring(0, colon) : name,
          hasTag ? name.substring(colon + 1) : "<none>", s.id(),
          s.config().created().isEmpty() ? "-" : s.config().created().replaceAll("\\.\\d+Z$", "Z"), Sizes.human(s.size()));
    }
    return 0;
  }
}
