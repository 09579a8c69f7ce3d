package dev.hoist.cli.store;

import dev.hoist.cache.store.LocalStore;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the store commands: the store at {@code $HOIST_HOME} and the command's output streams. */
abstract class StoreCommand {
  @Spec CommandSpec spec;

  LocalStore store() {
    return LocalStore.open(LocalStore.defaultHome());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
