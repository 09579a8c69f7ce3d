package dev.hoist.build.step;

import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ADD's git sources, spelled as BuildKit spells them: {@code https://host/repo.git#REF:SUBDIR},
 * {@code git://host/repo#REF}, {@code ssh://...} and {@code git@host:repo.git}. The ref (a branch,
 * a tag or a full commit id; the default branch when absent) is resolved with {@code git
 * ls-remote} when the step is prepared, so the commit is part of the step key and a pushed commit
 * rebuilds while an unchanged one stays cached. The clone happens only when the step runs. Files
 * get normalised modes (0644, or 0755 for executables; directories 0755) and the commit's time as
 * mtime, so the same commit always gives the same layer. {@code .git} is left out of the copy
 * unless {@code --keep-git-dir}.
 */
record GitSource(String url, String ref, String subdir) {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final long TIMEOUT_MINUTES = 10;

  /** The URL as messages show it: without a user or token before {@code @}. */
  String shown() {
    return redact(url);
  }

  private static String redact(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  static boolean isGit(String source) {
    return source.matches("(?i)git://.+") || source.matches("(?i)ssh://.+") || source.matches("git@[^:]+:.+")
        || source.matches("(?i)https?://[^#]*\\.git(#.*)?");
  }

  static GitSource parse(String source) {
    int hash = source.indexOf('#');
    String url = hash < 0 ? source : source.substring(0, hash);
    String fragment = hash < 0 ? "" : source.substring(hash + 1);
    int colon = fragment.indexOf(':');
    String ref = colon < 0 ? fragment : fragment.substring(0, colon);
    String subdir = colon < 0 ? "" : fragment.substring(colon + 1);
    if (subdir.contains("..")) {
      throw new HoistException("git source " + redact(url) + ": subdirectory " + subdir + " may not contain ..");
    }
    return new GitSource(url, ref, subdir.replaceAll("^/+|/+$", ""));
  }

  /** The commit the ref names now, from the remote. */
  String resolve() throws IOException {
    if (COMMIT.matcher(ref).matches()) {
      return ref;
    }
    String want = ref.isEmpty() ? "HEAD" : ref;
    String out = git(null, "ls-remote", url, want);
    String found = null;
    for (String line : out.split("\n")) {
      String[] parts = line.split("\t");
      if (parts.length != 2) {
        continue;
      }
      String name = parts[1];
      boolean peeled = name.endsWith("^{}");
      String base = peeled ? name.substring(0, name.length() - 3) : name;
      if (base.equals(want) || base.equals("refs/heads/" + want) || base.equals("refs/tags/" + want)) {
        if (found == null || peeled) {
          found = parts[0];
        }
      }
    }
    if (found == null) {
      throw new HoistException("git source " + shown() + " has no branch or tag " + want);
    }
    return found;
  }

  /** Checks out {@code commit} into {@code dir} and returns the folder to copy from. */
  Path checkout(String commit, Path dir, boolean keepGitDir) throws IOException {
    git(null, "init", "-q", dir.toString());
    git(dir, "remote", "add", "origin", url);
    try {
      git(dir, "fetch", "-q", "--depth", "1", "--no-tags", "origin", commit);
    } catch (HoistException shallowRefused) {
      git(dir, "fetch", "-q", "--no-tags", "origin");
    }
    git(dir, "-c", "advice.detachedHead=false", "checkout", "-q", commit);
    long time = Long.parseLong(git(dir, "log", "-1", "--format=%ct").strip());
    Path root = subdir.isEmpty() ? dir : dir.resolve(subdir);
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !root.toRealPath().startsWith(dir.toRealPath())) {
      throw new HoistException("git source " + shown() + " has no directory " + subdir + " at " + commit);
    }
    normalise(dir, FileTime.from(time, TimeUnit.SECONDS), keepGitDir);
    return root;
  }

  private static void normalise(Path dir, FileTime time, boolean withGitDir) throws IOException {
    Path gitDir = dir.resolve(".git");
    Set<PosixFilePermission> dirMode = PosixFilePermissions.fromString("rwxr-xr-x");
    Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-r--r--");
    List<Path> dirs = new ArrayList<>();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (!withGitDir && d.equals(gitDir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.setPosixFilePermissions(d, dirMode);
        dirs.add(d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.setPosixFilePermissions(f, Files.isExecutable(f) ? dirMode : fileMode);
        }
        Files.getFileAttributeView(f, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setTimes(time, time, null);
        return FileVisitResult.CONTINUE;
      }
    });
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Files.setLastModifiedTime(dirs.get(i), time);
    }
  }

  private String git(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    if (dir != null) {
      cmd.addAll(List.of("-C", dir.toString()));
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_PROTOCOL_FROM_USER", "0");
    Path errFile = Files.createTempFile("hoist-git-", ".err");
    pb.redirectError(errFile.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HoistException("ADD from a git repository needs the git command (apt-get install git)");
    }
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new HoistException("git " + args[0] + " of " + shown() + " did not finish in " + TIMEOUT_MINUTES + " minutes");
      }
      if (p.exitValue() != 0) {
        String err = Files.readString(errFile).replace(url, shown()).strip();
        String last = err.isEmpty() ? "exit status " + p.exitValue() : err.lines().reduce((a, b) -> b).orElse(err);
        throw new HoistException("git " + args[0] + " of " + shown() + " failed: " + last);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("git interrupted", e);
    } finally {
      Files.deleteIfExists(errFile);
    }
  }
}
