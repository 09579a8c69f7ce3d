package dev.hoist.cli.store;

import dev.hoist.transfer.CopiedImage;
import dev.hoist.transfer.Transfers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hoist load -i FILE}: every image of a docker or OCI archive into the store. */
@Command(name = "load", description = "Load images from a docker or OCI archive.")
public final class LoadCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE")
  Path input;

  @Override
  public Integer call() throws Exception {
    for (CopiedImage c : new Transfers(store()).load(input)) {
      out().println("Loaded image: " + c.name().orElse(c.descriptor().digest().toString()));
    }
    return 0;
  }
}
