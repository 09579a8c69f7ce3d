package dev.hoist.build.step;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.context.ContextPath;
import dev.hoist.build.context.SourceTree;
import dev.hoist.cache.layer.Layer;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.instruction.AddInstruction;
import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.SourceContent;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
      // As BuildKit, which links (MergeOp) only a copy without --chmod and ignores --link on one with it.
      boolean link = a.link() && a.chmod().isEmpty();
      Optional<Chmod> chmod = a.chmod().map(Chmod::new);
      Owner owner = a.chown().isEmpty() ? Owner.ROOT
          : link ? Owner.numeric(a.chown().get()) : Owner.resolve(a.chown().get(), in.files().get());
      String workdir = in.state().config().config().workingDir();
      String dest = a.dest().startsWith("/") ? a.dest() : (workdir.isEmpty() ? "/" : workdir) + "/" + a.dest();
      boolean destIsDir = a.dest().endsWith("/") || a.dest().equals(".") || a.dest().endsWith("/.")
          || a.dest().equals("..") || a.dest().endsWith("/..");
      CopyPlanner.Request request = new CopyPlanner.Request(a.sources(), a.contents(), dest, destIsDir, chmod,
          owner.uid(), owner.gid(), a.parents(), a.excludes());
      String createdBy = CreatedBy.of(expanded, in.state().config().config(), in.args());
      // A --link layer never depends on the image below, so its key starts without the parent's.
      CacheKey key = (link ? CacheKey.root("copy-link") : CacheKey.below(in.state().cacheKey()))
          .part(expanded.keyword()).part(createdBy)
          .part(a.from().orElse("")).part(owner.uid() + ":" + owner.gid()).part(a.chmod().orElse(""))
          .part(Boolean.toString(a.parents())).part(String.join("\0", a.excludes())).part(workdir)
          .part(Boolean.toString(destIsDir));
      a.contents().forEach(c -> key.part(c.path()).part(c.data()));
      History h = new History(in.stage().clock().createdText(), createdBy, null, CreatedBy.COMMENT, false);
      if (a.from().isPresent()) {
        StepInput.FromSource source = in.stage().from().resolve(a.from().get());
        if (link) {
          key.part(source.identity());
          return linked(new PreparedStep(key.digest(),
              () -> commit(planner(source.files().get(), in, true).plan(request), in, h), Optional.empty()), in, h);
        }
        Digest spec = CacheKey.root("copy-from").part(createdBy).part(owner.uid() + ":" + owner.gid())
            .part(a.chmod().orElse("")).part(Boolean.toString(a.parents())).part(String.join("\0", a.excludes()))
            .part(workdir).part(Boolean.toString(destIsDir)).part(source.identity()).digest();
        key.part(spec);
        return new PreparedStep(key.digest(), () -> {
          // The layer depends only on the source, the request and which of dest's parents exist; so it
          // is remembered under that and a rebuild after an earlier change need not unpack the source.
          // Worked out only when the step runs: the file view may mean reading the image's layers.
          CacheKey dependsOn = CacheKey.root("copy-from-layer").part(spec);
          ImageFiles files = in.files().get();
          for (String d = ContextPath.clean(dest); !d.isEmpty(); d = CopyPlanner.parentOf(d)) {
            dependsOn.part(d + "=" + files.hasDirectoryOrLink(d));
          }
          return remembered(layerKey(dependsOn, in), in, h,
              () -> commitByContent(planner(source.files().get(), in, false).plan(request), in, h));
        }, Optional.empty());
      }
      if (expanded instanceof AddInstruction add) {
        PreparedStep step = prepareAdd(add, a, request, key, in, h, fileName, link);
        return link ? linked(step, in, h) : step;
      }
      CopyPlanner.Plan plan = planner(in.stage().context(), in, link).plan(request);
      key.part(plan.contentDigest());
      return link ? linked(PreparedStep.of(key.digest(), () -> commit(plan, in, h), plan.entries()), in, h)
          : PreparedStep.of(key.digest(), () -> commitByContent(plan, in, h), plan.entries());
    } catch (HoistException e) {
      if (e instanceof StepException) {
        throw e;
      }
      throw new StepException(fileName, expanded, expanded.keyword() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * A {@code --link} step: its layer depends only on what it copies ({@code layerStep}'s key has no
   * parent in it), so the layer is remembered under that key and a rebuild after a change to an
   * earlier step takes it as it is: the same blob, the same digest. The step's own key still has the
   * parent's, as the image it makes does.
   */
  private static PreparedStep linked(PreparedStep layerStep, StepInput in, History h) {
    Digest layerKey = layerKey(CacheKey.root("copy-link-layer").part(layerStep.key()), in);
    return new PreparedStep(CacheKey.below(in.state().cacheKey()).part(layerKey).digest(),
        () -> remembered(layerKey, in, h, layerStep.run()), layerStep.files());
  }

  /**
   * The key a layer is remembered under: what it depends on, then the writer's compression and
   * {@code SOURCE_DATE_EPOCH}, which shape its bytes too.
   */
  private static Digest layerKey(CacheKey dependsOn, StepInput in) {
    return dependsOn.part(in.stage().layerWriter().compression().name())
        .part(in.stage().clock().sourceDateEpoch().map(Object::toString).orElse("")).digest();
  }

  /**
   * The image with the layer remembered under {@code layerKey} on top; or, the first time, what
   * {@code make} gives, its top layer remembered then. The writer is deterministic, so a remembered
   * layer is byte for byte the one {@code make} would write.
   */
  private static ImageState remembered(Digest layerKey, StepInput in, History h, PreparedStep.Action make)
      throws Exception {
    Optional<Layer> known = in.stage().cache().layer(layerKey);
    if (known.isPresent()) {
      return in.state().commit(h, Optional.of(new ImageState.NewLayer(known.get().diffId(), known.get().descriptor())));
    }
    ImageState after = make.run();
    in.stage().cache().recordLayer(layerKey, topLayer(after));
    return after;
  }

  /** The layer a step added last to {@code state}. */
  private static Layer topLayer(ImageState state) {
    List<Digest> diffIds = state.config().rootfs().diffIds();
    return new Layer(diffIds.get(diffIds.size() - 1), state.layers().get(state.layers().size() - 1), 0);
  }

  /**
   * ADD: URLs are downloaded (and checked) now, since their content is part of the key; local tar
   * archives are keyed by their bytes and unpacked only when the step runs; the rest is a COPY.
   */
  private PreparedStep prepareAdd(AddInstruction add, Args a, CopyPlanner.Request request, CacheKey key, StepInput in,
      History h, String fileName, boolean link) throws Exception {
    SourceTree context = in.stage().context();
    if (a.sources().stream().anyMatch(GitSource::isGit)) {
      return prepareGit(add, a, request, key, in, h, fileName, link);
    }
    List<String> plain = new ArrayList<>();
    Set<String> archives = new LinkedHashSet<>();
    List<String> urls = new ArrayList<>();
    Map<String, List<String>> matched = new HashMap<>();
    CopyPlanner contextPlanner = planner(context, in, link);
    DockerIgnore excludes = CopyPlanner.excludes(a.excludes());
    for (String s : a.sources()) {
      if (UrlSource.isUrl(s)) {
        urls.add(s);
        continue;
      }
      plain.add(s);
      if (!add.unpack().orElse(true)) {
        continue;
      }
      // As BuildKit: every matched local archive is unpacked, a wildcard's matches too; --exclude
      // decides which archives, never what an archive holds (BuildKit's unpack takes no patterns).
      List<String> found = contextPlanner.match(s);
      matched.put(s, found);
      for (String m : found) {
        Path p = context.root().resolve(ContextPath.resolve(context.root(), m, true));
        if (!context.ignored(m) && !CopyPlanner.excludesSource(excludes, m) && ArchiveSource.isArchive(p)
            && archives.add(m)) {
          key.part("archive").part(context.hashes().digest(p));
        }
      }
    }
    if (add.checksum().isPresent() && urls.size() != 1) {
      throw new StepException(fileName, add, "ADD --checksum needs exactly one URL source");
    }
    java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory(in.stage().workDir(), "add-url-");
    for (String url : urls) {
      key.part("url").part(url).part(UrlSource.download(url, downloads, add.checksum()));
    }
    CopyPlanner.Plan base = contextPlanner.leavingOut(archives)
        .plan(withSources(request, plain, request.contents()), matched);
    key.part(base.contentDigest());
    return new PreparedStep(key.digest(), () -> {
      java.util.TreeMap<String, FileEntry> entries = new java.util.TreeMap<>();
      base.entries().forEach(e -> entries.put(e.name(), e));
      for (String url : urls) {
        SourceTree tree = SourceTree.rootfs(downloads, "download", context.hashes());
        CopyPlanner.Request r = new CopyPlanner.Request(List.of(UrlSource.fileName(url)), List.of(), request.dest(),
            request.destIsDir(), request.chmod().or(() -> Optional.of(new Chmod("600"))), request.uid(), request.gid(),
            false, List.of());
        planner(tree, in, link).plan(r).entries().forEach(e -> entries.put(e.name(), e));
      }
      for (String archive : archives) {
        Path dir = Files.createTempDirectory(in.stage().workDir(), "add-archive-");
        ArchiveSource.extract(context.root().resolve(ContextPath.resolve(context.root(), archive, true)), dir,
            in.stage().warnings());
        SourceTree tree = SourceTree.rootfs(dir, "archive " + archive, context.hashes());
        CopyPlanner.Request r = new CopyPlanner.Request(List.of("."), List.of(), request.dest(), true, request.chmod(),
            request.uid(), request.gid(), false, List.of());
        planner(tree, in, link).plan(r).entries().forEach(e -> entries.put(e.name(), e));
      }
      return commit(new CopyPlanner.Plan(List.copyOf(entries.values()), base.contentDigest()), in, h);
    }, Optional.empty());
  }

  /** ADD of a git repository: keyed by the commit its ref names now, cloned only when the step runs. */
  private PreparedStep prepareGit(AddInstruction add, Args a, CopyPlanner.Request request, CacheKey key, StepInput in,
      History h, String fileName, boolean link) throws Exception {
    if (a.sources().size() != 1) {
      throw new StepException(fileName, add, "ADD from a git repository takes exactly one source");
    }
    GitSource git = GitSource.parse(a.sources().get(0));
    String commit = git.resolve();
    key.part("git").part(commit).part(git.subdir()).part(Boolean.toString(add.keepGitDir()));
    return new PreparedStep(key.digest(), () -> {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(in.stage().workDir(), "add-git-");
      SourceTree tree = SourceTree.rootfs(git.checkout(commit, dir, add.keepGitDir()), "git " + git.shown(),
          in.stage().context().hashes());
      List<String> excludes = new java.util.ArrayList<>(request.excludes());
      if (!add.keepGitDir()) {
        excludes.add(".git");
      }
      CopyPlanner.Request r = new CopyPlanner.Request(List.of("."), List.of(), request.dest(), true, request.chmod(),
          request.uid(), request.gid(), false, excludes);
      return commit(planner(tree, in, link).plan(r), in, h);
    }, Optional.empty());
  }

  private static CopyPlanner.Request withSources(CopyPlanner.Request r, List<String> sources,
      List<SourceContent> contents) {
    return new CopyPlanner.Request(sources, contents, r.dest(), r.destIsDir(), r.chmod(), r.uid(), r.gid(), r.parents(),
        r.excludes());
  }

  /** The planner onto the image's files, or, for {@code --link}, onto an empty tree (the image's files are never read). */
  private static CopyPlanner planner(SourceTree tree, StepInput in, boolean link) throws java.io.IOException {
    if (link) {
      return CopyPlanner.ontoEmpty(tree, in.stage().clock());
    }
    ImageFiles files = in.files().get();
    return new CopyPlanner(tree, in.stage().clock(), files::hasDirectoryOrLink);
  }

  /**
   * Writes the layer, or takes the one remembered for the same entries (names, metadata, mtimes and
   * content). This is what lets a changed step early in a Dockerfile leave later COPY layers alone.
   */
  private static ImageState commitByContent(CopyPlanner.Plan plan, StepInput in, History h) throws Exception {
    CacheKey content = CacheKey.root("layer").part(plan.contentDigest());
    plan.entries().forEach(e -> content.part(e.name() + "@" + e.mtime()));
    return remembered(layerKey(content, in), in, h, () -> commit(plan, in, h));
  }

  /** Writes the plan's layer and puts it on the image. */
  private static ImageState commit(CopyPlanner.Plan plan, StepInput in, History h) throws java.io.IOException {
    Layer written = LayerFiles.write(plan.entries(), in.stage().layerWriter(), in.stage().store(), in.stage().workDir());
    return in.state().commit(h, Optional.of(new ImageState.NewLayer(written.diffId(), written.descriptor())));
  }

  private static Args args(Instruction i, StepInput in) {
    if (i instanceof CopyInstruction c) {
      return new Args(c.sources(), c.contents(), c.destination(), c.from(), c.chown(), c.chmod(), c.link(),
          c.parents(), c.excludes());
    }
    AddInstruction a = (AddInstruction) i;
    return new Args(a.sources(), a.contents(), a.destination(), Optional.empty(), a.chown(), a.chmod(), a.link(),
        false, a.excludes());
  }
}
