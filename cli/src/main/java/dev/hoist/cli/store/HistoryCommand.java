package dev.hoist.cli.store;

import dev.hoist.oci.History;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hoist history REF}: the steps that made an image, newest first, as {@code docker history} shows them. */
@Command(name = "history", description = "Show the history of an image.")
public final class HistoryCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF")
  String ref;

  @Option(names = "--no-trunc", description = "Do not truncate the CREATED BY column.")
  boolean noTrunc;

  @Override
  public Integer call() throws Exception {
    StoreImage image = StoreImage.resolve(store(), ref, Optional.empty());
    List<History> history = image.config().history();
    String[] sizes = new String[history.size()];
    int layer = 0;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).emptyLayer()) {
        sizes[i] = "0B";
      } else {
        sizes[i] = layer < image.manifest().layers().size()
            ? Sizes.human(image.manifest().layers().get(layer).size()) : "?";
        layer++;
      }
    }
    out().printf("%-22s %-50s %-10s %s%n", "CREATED", "CREATED BY", "SIZE", "COMMENT");
    for (int i = history.size() - 1; i >= 0; i--) {
      History h = history.get(i);
      String by = h.createdBy();
      if (!noTrunc && by.length() > 47) {
        by = by.substring(0, 47) + "...";
      }
      String created = h.created().isEmpty() ? "-" : h.created().replaceAll("\\.\\d+Z$", "Z");
      out().printf("%-22s %-50s %-10s %s%n", created, by, sizes[i], h.comment());
    }
    return 0;
  }
}
