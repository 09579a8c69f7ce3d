package dev.hoist.build.step;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.context.SourceTree;
import dev.hoist.cache.layer.Layer;
import dev.hoist.dockerfile.instruction.AddInstruction;
import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.SourceContent;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.History;
import java.util.List;
import java.util.Optional;

/**
 * COPY and ADD of local files: from the build context, from another stage or from an image
 * ({@code --from}), and heredoc files. The key covers the instruction, its flags and the content
 * of every file it reads; a {@code --from} copy is keyed by the source's identity instead, so a
 * cached one never unpacks the source.
 */
public final class CopyExecutor implements StepExecutor<Instruction> {
  /** COPY and ADD in one shape. */
  private record Args(List<String> sources, List<SourceContent> contents, String dest, Optional<String> from,
      Optional<String> chown, Optional<String> chmod, boolean link, boolean parents, List<String> excludes) {}

  @Override
  public PreparedStep prepare(Instruction expanded, StepInput in) throws Exception {
    Args a = args(expanded, in);
    String fileName = in.stage().fileName();
    try {
      Optional<Chmod> chmod = a.chmod().map(Chmod::new);
      Owner owner = a.chown().isPresent() ? Owner.resolve(a.chown().get(), in.files().get()) : Owner.ROOT;
      String workdir = in.state().config().config().workingDir();
      String dest = a.dest().startsWith("/") ? a.dest() : (workdir.isEmpty() ? "/" : workdir) + "/" + a.dest();
      boolean destIsDir = a.dest().endsWith("/") || a.dest().equals(".") || a.dest().endsWith("/.")
          || a.dest().equals("..") || a.dest().endsWith("/..");
      CopyPlanner.Request request = new CopyPlanner.Request(a.sources(), a.contents(), dest, destIsDir, chmod,
          owner.uid(), owner.gid(), a.parents(), a.excludes());
      String createdBy = CreatedBy.of(expanded, in.state().config().config(), in.args());
      CacheKey key = CacheKey.below(in.state().cacheKey()).part(expanded.keyword()).part(createdBy)
          .part(a.from().orElse("")).part(owner.uid() + ":" + owner.gid()).part(a.chmod().orElse(""))
          .part(Boolean.toString(a.parents())).part(String.join("\0", a.excludes())).part(workdir)
          .part(Boolean.toString(destIsDir));
      a.contents().forEach(c -> key.part(c.path()).part(c.data()));
      History h = new History(in.stage().clock().createdText(), createdBy, null, CreatedBy.COMMENT, false);
      if (a.from().isPresent()) {
        StepInput.FromSource source = in.stage().from().resolve(a.from().get());
        key.part(source.identity());
        return new PreparedStep(key.digest(), () -> {
          SourceTree tree = source.tree().get();
          CopyPlanner.Plan plan = planner(tree, in).plan(request);
          return commit(plan, in, h, fileName, expanded);
        }, Optional.empty());
      }
      CopyPlanner.Plan plan = planner(in.stage().context(), in).plan(request);
      key.part(plan.contentDigest());
      return PreparedStep.of(key.digest(), () -> commit(plan, in, h, fileName, expanded), plan.entries());
    } catch (HoistException e) {
      if (e instanceof StepException) {
        throw e;
      }
      throw new StepException(fileName, expanded, expanded.keyword() + " failed: " + e.getMessage(), e);
    }
  }

  private static CopyPlanner planner(SourceTree tree, StepInput in) throws java.io.IOException {
    ImageFiles files = in.files().get();
    return new CopyPlanner(tree, in.stage().clock(), files::hasDirectoryOrLink);
  }

  private static ImageState commit(CopyPlanner.Plan plan, StepInput in, History h, String fileName, Instruction at)
      throws java.io.IOException {
    Layer layer = LayerFiles.write(plan.entries(), in.stage().layerWriter(), in.stage().store());
    return in.state().commit(h, Optional.of(new ImageState.NewLayer(layer.diffId(), layer.descriptor())));
  }

  private static Args args(Instruction i, StepInput in) {
    if (i instanceof CopyInstruction c) {
      return new Args(c.sources(), c.contents(), c.destination(), c.from(), c.chown(), c.chmod(), c.link(),
          c.parents(), c.excludes());
    }
    AddInstruction a = (AddInstruction) i;
    for (String s : a.sources()) {
      if (s.matches("(?i)(https?|git)://.*") || s.startsWith("git@")) {
        throw new StepException(in.stage().fileName(), i, "ADD from a URL or git repository is not supported yet: " + s);
      }
    }
    return new Args(a.sources(), a.contents(), a.destination(), Optional.empty(), a.chown(), a.chmod(), a.link(),
        false, a.excludes());
  }
}
