package dev.hoist.build.step;

import dev.hoist.build.context.ContextPath;
import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.FileInfo;
import dev.hoist.build.context.FileSource;
import dev.hoist.build.context.FileTree;
import dev.hoist.build.context.SegmentGlob;
import dev.hoist.build.context.SourceTree;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.instruction.SourceContent;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Decides what a COPY/ADD puts in its layer, with Docker's rules: sources are cleaned paths in the
 * source tree (never outside it, symlinks included); wildcards ({@code * ? [..]}) match one path
 * segment each; a directory source copies its contents; several sources need a destination ending
 * in {@code /}; a file goes to {@code dest/name} when the destination is a directory, else to {@code
 * dest}; {@code --parents} keeps the source path (below a {@code /./} pivot if there is one);
 * {@code --exclude} and {@code .dockerignore} hide files; missing destination directories are made.
 * It also computes the content digest that the step's cache key uses, without reading a file whose
 * size, mtime and inode the hash cache already knows.
 */
public final class CopyPlanner {
  /** What one COPY asks for, expanded and resolved against WORKDIR. */
  public record Request(
      List<String> sources, List<SourceContent> contents, String dest, boolean destIsDir, Optional<Chmod> chmod,
      long uid, long gid, boolean parents, List<String> excludes) {
    public Request {
      sources = List.copyOf(sources);
      contents = List.copyOf(contents);
      excludes = List.copyOf(excludes);
    }
  }

  /** The entries of the layer (sorted by name) and the digest of everything they hold. */
  public record Plan(List<FileEntry> entries, Digest contentDigest) {}

  private final SourceTree tree;
  private final BuildClock clock;
  private final Predicate<String> imageHasDir;
  private final FileTree files;
  private final Set<String> leftOut;
  private final boolean ontoEmpty;
  // By identity: the same FileSource objects go into the entries, and a record's first hashCode costs
  // an invokedynamic bootstrap (~15 ms of a warm build).
  private final Map<FileSource, FileHashCache.Stamp> stamps = new java.util.IdentityHashMap<>();

  /** {@code imageHasDir} says whether the image already has a directory at a path (relative, no slash). */
  public CopyPlanner(SourceTree tree, BuildClock clock, Predicate<String> imageHasDir) {
    this(tree, clock, imageHasDir, Set.of(), false);
  }

  private CopyPlanner(SourceTree tree, BuildClock clock, Predicate<String> imageHasDir, Set<String> leftOut,
      boolean ontoEmpty) {
    this.tree = tree;
    this.files = tree.files();
    this.clock = clock;
    this.imageHasDir = imageHasDir;
    this.leftOut = Set.copyOf(leftOut);
    this.ontoEmpty = ontoEmpty;
  }

  /**
   * The planner of a {@code --link} copy, which BuildKit writes onto an empty tree: nothing of the
   * image is looked at (a symlink in the destination path is not followed), every destination parent
   * is made, 0755 and owned as the request's {@code --chown}, and a destination without a trailing
   * slash is a directory only when it is the root.
   */
  public static CopyPlanner ontoEmpty(SourceTree tree, BuildClock clock) {
    return new CopyPlanner(tree, clock, p -> false, Set.of(), true);
  }

  /** This planner, leaving out the given matched sources (the archives ADD unpacks instead of copying). */
  public CopyPlanner leavingOut(Set<String> matched) {
    return new CopyPlanner(tree, clock, imageHasDir, matched, ontoEmpty);
  }

  /** A request's {@code --exclude} patterns, compiled. */
  static DockerIgnore excludes(List<String> patterns) {
    return patterns.isEmpty() ? DockerIgnore.none() : DockerIgnore.of(patterns);
  }

  /** Whether compiled {@code --exclude} patterns hide a matched source, by its path or its name, as {@link #plan} does. */
  static boolean excludesSource(DockerIgnore excludes, String path) {
    return excluded(excludes, path, baseName(path));
  }

  public Plan plan(Request r) throws IOException {
    return plan(r, Map.of());
  }

  /**
   * As {@link #plan(Request)}, taking what {@link #match} gave for the sources in {@code matched}
   * instead of matching them again.
   */
  public Plan plan(Request r, Map<String, List<String>> matched) throws IOException {
    String dest = ContextPath.clean(r.dest());
    int count = r.contents().size();
    Map<String, List<String>> matches = new java.util.LinkedHashMap<>();
    for (String src : r.sources()) {
      List<String> found = matched.containsKey(src) ? matched.get(src) : match(src);
      List<String> m = found.stream().filter(p -> !leftOut.contains(p)).toList();
      matches.put(src, m);
      count += m.size();
    }
    boolean intoDir = r.destIsDir() || imageHasDir.test(dest) || dest.isEmpty();
    if (count > 1 && !r.destIsDir() && !dest.isEmpty() && !imageHasDir.test(dest)) {
      throw new HoistException("when using COPY with more than one source file, the destination must be a directory and end with a /");
    }
    DockerIgnore excludes = excludes(r.excludes());
    TreeMap<String, FileEntry> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : matches.entrySet()) {
      for (String m : e.getValue()) {
        String resolved = ContextPath.resolve(files, m, true);
        Optional<FileInfo> found = files.stat(resolved);
        if (found.isEmpty() || tree.ignored(resolved)) {
          Optional<FileInfo> link = files.stat(ContextPath.resolve(files, m, false));
          if (hasWildcard(e.getKey()) && link.isPresent() && link.get().kind() == FileInfo.Kind.SYMLINK) {
            // A matched symlink whose target is not in the tree is copied as the link itself.
            String target = intoDir ? join(dest, r.parents() ? m : baseName(m)) : dest;
            out.put(target, entry(link.get(), m, target, r));
            continue;
          }
          throw notFound(e.getKey());
        }
        String keep = r.parents() ? parentsPath(e.getKey(), m) : "";
        if (found.get().kind() == FileInfo.Kind.DIRECTORY) {
          String target = join(dest, keep);
          walk(resolved, target, excludes, r, out);
        } else {
          String target = intoDir ? join(dest, r.parents() ? keep : baseName(m)) : dest;
          if (!excluded(excludes, resolved, baseName(m))) {
            out.put(target, entry(found.get(), m, target, r));
          }
        }
      }
    }
    for (SourceContent c : r.contents()) {
      byte[] data = c.data().getBytes(StandardCharsets.UTF_8);
      String target = intoDir ? join(dest, ContextPath.clean(c.path())) : dest;
      int mode = r.chmod().map(cm -> cm.apply(0644, false)).orElse(0644);
      out.put(target, new FileEntry(target, FileEntry.Kind.FILE, mode, r.uid(), r.gid(),
          clock.created().getEpochSecond(), data.length, "", Optional.empty(), Optional.of(data)));
    }
    addMissingParents(out, intoDir ? dest : parentOf(dest), ontoEmpty ? r.uid() : 0, ontoEmpty ? r.gid() : 0);
    return new Plan(List.copyOf(out.values()), digest(out.values()));
  }

  private void walk(String relDir, String target, DockerIgnore excludes, Request r, Map<String, FileEntry> out)
      throws IOException {
    for (String name : files.list(relDir)) {
      String rel = relDir.isEmpty() ? name : relDir + "/" + name;
      Optional<FileInfo> child = files.stat(rel);
      if (child.isEmpty()) {
        continue;
      }
      String relToSource = ContextPath.clean(rel.substring(Math.min(rel.length(), relDir.length())));
      boolean hidden = tree.ignored(rel) || excluded(excludes, rel, relToSource);
      if (tree.skips(rel, child.get(), hidden)) {
        continue;
      }
      String t = join(target, name);
      if (child.get().kind() == FileInfo.Kind.DIRECTORY) {
        if (!hidden) {
          out.put(t, entry(child.get(), rel, t, r));
        }
        walk(rel, t, excludes, r, out);
      } else {
        out.put(t, entry(child.get(), rel, t, r));
      }
    }
  }

  private static boolean excluded(DockerIgnore excludes, String rel, String relToSource) {
    return excludes.matches(rel) || (!relToSource.isEmpty() && excludes.matches(relToSource));
  }

  private FileEntry entry(FileInfo f, String path, String name, Request r) {
    long mtime = clock.clampMtime(f.mtimeSeconds());
    return switch (f.kind()) {
      case SYMLINK -> new FileEntry(name, FileEntry.Kind.SYMLINK, 0777, r.uid(), r.gid(), mtime, 0, f.linkTarget(),
          Optional.empty(), Optional.empty());
      case DIRECTORY -> FileEntry.directory(name, r.chmod().map(c -> c.apply(f.mode(), true)).orElse(f.mode()),
          r.uid(), r.gid(), mtime);
      case FILE -> new FileEntry(name, FileEntry.Kind.FILE, r.chmod().map(c -> c.apply(f.mode(), false)).orElse(f.mode()),
          r.uid(), r.gid(), mtime, f.size(), "", f.source().map(s -> stamped(s, f)), Optional.empty());
      case OTHER -> throw new HoistException("cannot copy " + baseName(path)
          + ": not a regular file, directory or symlink");
    };
  }

  private FileSource stamped(FileSource source, FileInfo f) {
    f.stamp().ifPresent(st -> stamps.put(source, st));
    return source;
  }

  private void addMissingParents(Map<String, FileEntry> out, String dir, long uid, long gid) {
    String d = dir;
    while (!d.isEmpty()) {
      if (!out.containsKey(d) && !imageHasDir.test(d)) {
        out.put(d, FileEntry.directory(d, 0755, uid, gid, clock.created().getEpochSecond()));
      }
      d = parentOf(d);
    }
    List<String> names = new ArrayList<>(out.keySet());
    for (String n : names) {
      String parent = parentOf(n);
      while (!parent.isEmpty() && !out.containsKey(parent) && !imageHasDir.test(parent)) {
        out.put(parent, FileEntry.directory(parent, 0755, uid, gid, clock.created().getEpochSecond()));
        parent = parentOf(parent);
      }
    }
  }

  /** The tree paths a source names: itself when it has no wildcard, else what its wildcards match (sorted). */
  public List<String> match(String source) throws IOException {
    String clean = ContextPath.clean(source.replace("/./", "/"));
    if (!hasWildcard(clean)) {
      return List.of(clean);
    }
    List<String> found = new ArrayList<>(List.of(""));
    for (String segment : clean.split("/")) {
      List<String> next = new ArrayList<>();
      for (String base : found) {
        if (!hasWildcard(segment)) {
          String p = join(base, segment);
          if (files.stat(ContextPath.resolve(files, p, false)).isPresent()) {
            next.add(p);
          }
          continue;
        }
        String dir = ContextPath.resolve(files, base, true);
        if (files.stat(dir).filter(f -> f.kind() == FileInfo.Kind.DIRECTORY).isEmpty()) {
          continue;
        }
        SegmentGlob glob = SegmentGlob.compile(segment);
        for (String name : files.list(dir)) {
          String p = join(base, name);
          if (glob.matches(name) && !tree.ignored(p)) {
            next.add(p);
          }
        }
      }
      found = next;
    }
    if (found.isEmpty()) {
      throw notFound(source);
    }
    found.sort(null);
    return found;
  }

  private HoistException notFound(String source) {
    return new HoistException("\"" + source + "\": not found in " + tree.description()
        + (tree.description().equals("build context") ? " (or excluded by .dockerignore)" : ""));
  }

  private static boolean hasWildcard(String s) {
    return SegmentGlob.hasWildcard(s);
  }

  /** The part of a source that {@code --parents} keeps: after a {@code /./} pivot, else all of it. */
  private static String parentsPath(String source, String match) {
    int pivot = source.indexOf("/./");
    if (pivot < 0) {
      return match;
    }
    int drop = ContextPath.clean(source.substring(0, pivot)).split("/").length;
    String[] parts = match.split("/");
    return String.join("/", java.util.Arrays.copyOfRange(parts, Math.min(drop, parts.length), parts.length));
  }

  private Digest digest(Iterable<FileEntry> entries) throws IOException {
    MessageDigest md = Digest.newSha256();
    tree.identity().ifPresent(id -> md.update(("pinned:" + id + "\n").getBytes(StandardCharsets.UTF_8)));
    for (FileEntry e : entries) {
      String content = "";
      if (e.source().isPresent() && tree.identity().isPresent()) {
        content = e.source().get().path();
      } else if (e.source().orElse(null) instanceof FileSource.OnDisk disk) {
        FileHashCache.Stamp stamp = stamps.get(disk);
        content = stamp == null ? tree.hashes().digest(disk.file()).toString()
            : tree.hashes().digestText(disk.file(), stamp);
      } else if (e.inline().isPresent()) {
        content = Digest.sha256(e.inline().get()).toString();
      }
      String line = e.name() + "\0" + e.kind() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.uid() + ":" + e.gid()
          + "\0" + e.size() + "\0" + e.linkTarget() + "\0" + content + "\n";
      md.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return Digest.fromSha256(md);
  }

  static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + "/" + b;
  }

  static String parentOf(String p) {
    int slash = p.lastIndexOf('/');
    return slash < 0 ? "" : p.substring(0, slash);
  }

  static String baseName(String p) {
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
