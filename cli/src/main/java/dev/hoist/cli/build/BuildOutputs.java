package dev.hoist.cli.build;

import dev.hoist.build.api.BuildResult;
import dev.hoist.build.output.OutputSpec;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageReference;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Writes a build's result to the outputs asked for, after it is in the local store. */
final class BuildOutputs {
  private final LocalStore store;
  private final BuildResult result;
  private final List<ImageReference> refs;
  private final PrintWriter err;

  BuildOutputs(LocalStore store, BuildResult result, List<ImageReference> refs, PrintWriter err) {
    this.store = store;
    this.result = result;
    this.refs = refs;
    this.err = err;
  }

  /** Writes every output; returns the references pushed. */
  List<String> write(List<OutputSpec> outputs, boolean push) {
    List<String> pushed = new ArrayList<>();
    for (OutputSpec o : outputs) {
      if (o.type() != OutputSpec.Type.IMAGE || o.pushes()) {
        throw new HoistException("--output type=" + o.type().name().toLowerCase(java.util.Locale.ROOT)
            + " is not available yet in this build of hoist");
      }
    }
    if (push) {
      throw new HoistException("--push is not available yet in this build of hoist");
    }
    return pushed;
  }
}
