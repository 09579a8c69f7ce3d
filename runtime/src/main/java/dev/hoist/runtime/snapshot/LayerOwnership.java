package dev.hoist.runtime.snapshot;

import dev.hoist.cache.extract.EntryOwner;
import dev.hoist.oci.Digest;
import dev.hoist.runtime.userns.IdMapping;
import dev.hoist.runtime.userns.UserNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Moves a layer folder that a non-root user unpacked into place with the owners its entries name,
 * as the rootless user namespace shows them: container id 0 is the user, ids 1..n the subordinate
 * range, exactly the runner's mapping. A multithreaded JVM cannot enter a user namespace, so one
 * child process ({@link TreeCommands}, in a namespace made with the runner's {@link
 * UserNamespace#unshareArgs()}) runs {@code chown -h} over NUL-separated path lists (one per
 * owner), sets back the setuid and setgid bits that chown clears, and renames the folder into place
 * (a folder owned by a subordinate id can only be moved from inside). The paths come from a walk of
 * the folder that follows no symlink, so nothing outside it is touched. Owners the namespace does
 * not map stay the user's (root inside), and so do all of them when there are no subordinate ids;
 * so do files the user could no longer read with their own owner (a 0700 folder of a service
 * user), since a RUN's changes are read back as the user. Each case is warned about once.
 */
final class LayerOwnership {
  private static final String SCRIPT = "set -e; "
      + "for f in \"$1\"/chown.*; do [ -e \"$f\" ] || continue; xargs -0 -r -a \"$f\" chown -h -- \"${f##*/chown.}\"; done; "
      + "for f in \"$1\"/chmod.*; do [ -e \"$f\" ] || continue; xargs -0 -r -a \"$f\" chmod -- \"${f##*/chmod.}\"; done; "
      + "mv -T -- \"$2\" \"$3\"";

  private final UserNamespace userns;
  private final TreeCommands commands;
  private final Consumer<String> warnings;
  private final AtomicBoolean warnedNoRange = new AtomicBoolean();
  private final AtomicBoolean warnedUnmapped = new AtomicBoolean();
  private final AtomicBoolean warnedUnreadable = new AtomicBoolean();

  LayerOwnership(UserNamespace userns, Consumer<String> warnings) {
    this.userns = userns;
    this.commands = new TreeCommands(userns);
    this.warnings = warnings;
  }

  /** Gives the files of {@code unpacked} their {@code owners}, then renames it to {@code target}. */
  void moveIntoPlace(Path unpacked, Path target, List<EntryOwner> owners, Digest chainId) throws IOException {
    IdMapping mapping = userns.mapping();
    if (owners.isEmpty() || !userns.rootless()) {
      Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    if (!mapping.mapsUid(1) || !mapping.mapsGid(1)) {
      if (warnedNoRange.compareAndSet(false, true)) {
        warnings.accept("warning: files of the base image owned by other users than root (" + owners.get(0).path()
            + " is " + owners.get(0).uid() + ":" + owners.get(0).gid() + ") show as root inside RUN: add a range for "
            + System.getProperty("user.name") + " to /etc/subuid and /etc/subgid and install uidmap (newuidmap)");
      }
      Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Plan plan = plan(unpacked, owners, mapping);
    if (plan.unmapped() > 0 && warnedUnmapped.compareAndSet(false, true)) {
      warnings.accept("warning: " + plan.unmapped() + " files of layer " + chainId.hex().substring(0, 12)
          + " have owners outside the subordinate ids (first: " + plan.firstUnmapped() + "); inside RUN they show as"
          + " owned by root: make the ranges of " + System.getProperty("user.name")
          + " in /etc/subuid and /etc/subgid bigger");
    }
    if (plan.unreadable() > 0 && warnedUnreadable.compareAndSet(false, true)) {
      warnings.accept("warning: " + plan.unreadable() + " files of layer " + chainId.hex().substring(0, 12)
          + " keep root as owner inside RUN (first: " + plan.firstUnreadable() + "): with their own owner a"
          + " rootless build could not read them back after a RUN changes them; build as root to keep their owners");
    }
    if (plan.chown().isEmpty()) {
      Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path lists = Files.createTempDirectory(unpacked.getParent(), "owners-");
    try {
      for (Map.Entry<String, List<Path>> e : plan.chown().entrySet()) {
        writeList(lists.resolve("chown." + e.getKey()), e.getValue());
      }
      for (Map.Entry<String, List<Path>> e : plan.chmod().entrySet()) {
        writeList(lists.resolve("chmod." + e.getKey()), e.getValue());
      }
      commands.run(List.of("sh", "-c", SCRIPT, "sh", lists.toString(), unpacked.toString(), target.toString()),
          "giving the files of layer " + chainId.hex().substring(0, 12) + " their owners in the user namespace (chown)");
    } finally {
      try (var s = Files.list(lists)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(lists);
    }
  }

  /**
   * What to do, by path on disk: chown lists keyed by {@code uid:gid}, chmod lists keyed by octal
   * mode, and how many files keep the user as owner for want of a mapped id.
   */
  private record Plan(Map<String, List<Path>> chown, Map<String, List<Path>> chmod, int unmapped,
      String firstUnmapped, int unreadable, String firstUnreadable) {}

  private static Plan plan(Path unpacked, List<EntryOwner> owners, IdMapping mapping) throws IOException {
    Map<String, EntryOwner> byPath = new HashMap<>();
    owners.forEach(o -> byPath.put(o.path(), o));
    Map<String, List<Path>> chown = new TreeMap<>();
    Map<String, List<Path>> chmod = new TreeMap<>();
    int[] unmapped = {0};
    String[] first = {""};
    int[] unreadable = {0};
    String[] firstUnreadable = {""};
    Files.walkFileTree(unpacked, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        visit(d, attrs);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        visit(f, attrs);
        return FileVisitResult.CONTINUE;
      }

      private void visit(Path p, BasicFileAttributes attrs) {
        EntryOwner o = byPath.get(unpacked.relativize(p).toString());
        if (o == null) {
          return;
        }
        boolean uidMapped = mapping.mapsUid(o.uid());
        boolean gidMapped = mapping.mapsGid(o.gid());
        if (!uidMapped || !gidMapped) {
          if (unmapped[0]++ == 0) {
            first[0] = (o.path().isEmpty() ? "/" : o.path()) + " " + o.uid() + ":" + o.gid();
          }
        }
        long uid = uidMapped ? o.uid() : 0;
        long gid = gidMapped ? o.gid() : 0;
        if (uid == 0 && gid == 0) {
          return;
        }
        if (!attrs.isSymbolicLink() && !readableByUser(uid, gid, o.mode(), attrs.isDirectory())) {
          if (unreadable[0]++ == 0) {
            firstUnreadable[0] = (o.path().isEmpty() ? "/" : o.path()) + " " + o.uid() + ":" + o.gid() + " "
                + Integer.toOctalString(o.mode());
          }
          return;
        }
        chown.computeIfAbsent(uid + ":" + gid, k -> new ArrayList<>()).add(p);
        if (attrs.isRegularFile() && (o.mode() & 06000) != 0) {
          chmod.computeIfAbsent(Integer.toOctalString(o.mode()), k -> new ArrayList<>()).add(p);
        }
      }
    });
    return new Plan(chown, chmod, unmapped[0], first[0], unreadable[0], firstUnreadable[0]);
  }

  /**
   * Whether the user (root inside the namespace, so the owner when {@code uid} is 0, of the group
   * when {@code gid} is 0, else one of the others) can still read the file, or list and enter the
   * directory, after the chown: hoist reads a RUN's changes back as the user, so a copied-up folder
   * it could not list (a 0700 one of a service user, such as apt's archives/partial) would fail the build.
   */
  private static boolean readableByUser(long uid, long gid, int mode, boolean directory) {
    int bits = uid == 0 ? (mode >> 6) & 7 : gid == 0 ? (mode >> 3) & 7 : mode & 7;
    return directory ? (bits & 5) == 5 : (bits & 4) == 4;
  }

  private static void writeList(Path file, List<Path> paths) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Path p : paths) {
      out.write(p.toString().getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    Files.write(file, out.toByteArray());
  }
}
