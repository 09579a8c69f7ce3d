package dev.hoist.build.step.run;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.context.ContextPath;
import dev.hoist.build.context.KeptTree;
import dev.hoist.build.context.SourceTree;
import dev.hoist.build.step.StageContext;
import dev.hoist.build.step.StepInput;
import dev.hoist.dockerfile.instruction.Mount;
import dev.hoist.oci.HoistException;
import dev.hoist.runtime.mount.RunMount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a RUN's {@code --mount} flags (the parser's model) into the runtime's {@link RunMount}s
 * and adds what each contributes to the step's cache key: a bind's source content (the context's
 * files, or the identity of the stage or image it comes from), a cache's or secret's id and
 * options — never a secret's value, and never a cache's content, which is meant to change.
 */
public final class RunMounts {
  private final StageContext stage;

  public RunMounts(StageContext stage) {
    this.stage = stage;
  }

  /**
   * A mount whose host source is found only when the step runs (a stage's files are unpacked then),
   * made with what it needs in {@code scratch}, a folder removed after the run.
   */
  @FunctionalInterface
  public interface Deferred {
    RunMount resolve(Path scratch) throws IOException;
  }

  /** Maps {@code mounts}, adding their key parts to {@code key}. */
  public List<Deferred> map(List<Mount> mounts, CacheKey key) throws IOException {
    List<Deferred> out = new ArrayList<>();
    for (Mount m : mounts) {
      key.part("mount:" + m.type());
      out.add(switch (m.type()) {
        case CACHE -> cache(m, key);
        case SECRET -> secret(m, key);
        case SSH -> ssh(m, key);
        case TMPFS -> tmpfs(m, key);
        case BIND -> bind(m, key);
      });
    }
    return out;
  }

  /**
   * A cache mount; with {@code from} (a stage or image) the cache starts, the first time it is
   * made, as a copy of {@code source} there, as BuildKit seeds it.
   */
  private Deferred cache(Mount m, CacheKey key) throws IOException {
    String target = requireTarget(m);
    RunMount.Sharing sharing = RunMount.Sharing.valueOf(m.sharing().name());
    RunMount.CacheMount c = new RunMount.CacheMount(target, m.effectiveId().orElse(target), sharing, m.readOnly(),
        m.mode().orElse(0755), m.uid().orElse(0), m.gid().orElse(0));
    key.part(c.target()).part(c.id()).part(sharing.name()).part(Boolean.toString(c.readOnly()))
        .part(c.mode() + ":" + c.uid() + ":" + c.gid());
    if (m.from().isEmpty()) {
      return scratch -> c;
    }
    String source = m.source().orElse(".");
    StepInput.FromSource from = stage.from().resolve(m.from().get());
    key.part("from").part(from.identity()).part(source);
    return scratch -> {
      Path seed = inside(from.directory().get(), source);
      return new RunMount.CacheMount(c.target(), c.id(), c.sharing(), c.readOnly(), c.mode(), c.uid(), c.gid(),
          Optional.of(seed));
    };
  }

  private Deferred secret(Mount m, CacheKey key) {
    String id = m.effectiveId().orElseThrow(() -> new HoistException("RUN --mount=type=secret needs an id or a target"));
    RunMount.SecretMount s = new RunMount.SecretMount(id, m.target(), m.env(), m.required(), m.mode().orElse(0400),
        m.uid().orElse(0), m.gid().orElse(0));
    key.part(id).part(s.target()).part(s.env().orElse("")).part(Boolean.toString(s.required()))
        .part(s.mode() + ":" + s.uid() + ":" + s.gid());
    return scratch -> s;
  }

  private Deferred ssh(Mount m, CacheKey key) {
    RunMount.SshMount s = new RunMount.SshMount(m.effectiveId().orElse("default"), m.target(), m.required(),
        m.mode().orElse(0600), m.uid().orElse(0), m.gid().orElse(0));
    key.part(s.id()).part(s.target()).part(Boolean.toString(s.required()))
        .part(s.mode() + ":" + s.uid() + ":" + s.gid());
    return scratch -> s;
  }

  private Deferred tmpfs(Mount m, CacheKey key) {
    RunMount.TmpfsMount t = new RunMount.TmpfsMount(requireTarget(m), m.size().orElse(0L));
    key.part(t.target()).part(Long.toString(t.sizeBytes()));
    return scratch -> t;
  }

  /**
   * A bind from a stage or image, or from the context as {@code .dockerignore} leaves it: the
   * folder itself when nothing under it is ignored, else a {@link ContextView} of what is kept.
   */
  private Deferred bind(Mount m, CacheKey key) throws IOException {
    String target = requireTarget(m);
    String source = m.source().orElse(".");
    boolean readWrite = !m.readOnly();
    key.part(target).part(source).part(Boolean.toString(readWrite)).part(m.from().orElse(""));
    if (m.from().isPresent()) {
      StepInput.FromSource from = stage.from().resolve(m.from().get());
      key.part(from.identity());
      return scratch -> new RunMount.BindMount(inside(from.directory().get(), source), target, readWrite);
    }
    SourceTree context = stage.context();
    KeptTree kept = KeptTree.of(context, ContextPath.resolve(context.root(), source, true))
        .orElseThrow(() -> new HoistException("RUN --mount=type=bind,source=" + source
            + ": not found in build context (or excluded by .dockerignore)"));
    key.part(TreeDigest.of(kept, context.hashes()));
    if (!kept.filtered()) {
      return scratch -> new RunMount.BindMount(kept.dir(), target, readWrite);
    }
    return scratch -> new RunMount.BindMount(ContextView.create(kept, scratch), target, readWrite);
  }

  /** {@code source} below {@code root}, symlinks resolved inside it, never outside. */
  private static Path inside(Path root, String source) throws IOException {
    String relative = ContextPath.resolve(root, source, true);
    return relative.isEmpty() ? root : root.resolve(relative);
  }

  private static String requireTarget(Mount m) {
    Optional<String> t = m.effectiveTarget();
    return t.orElseThrow(() -> new HoistException("RUN --mount=type=" + m.type().name().toLowerCase(java.util.Locale.ROOT)
        + " needs a target"));
  }
}
