package dev.hoist.runtime.mount;

import dev.hoist.oci.HoistException;
import dev.hoist.runtime.snapshot.TreeCommands;
import dev.hoist.runtime.userns.IdMapping;
import dev.hoist.runtime.userns.UserNamespace;
import dev.hoist.runtime.spec.SpecMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Realises {@link RunMount}s as spec mounts. Secret files are written to the run's private folder
 * (0700, on tmpfs where the host has one), outside the container's root and so outside any diff;
 * {@code /run/secrets} itself is a tmpfs, so whatever a command writes there is gone after the run.
 */
public final class MountPlanner {
  private final MountContext context;
  private final UserNamespace userns;
  private final TreeCommands commands;

  public MountPlanner(MountContext context, UserNamespace userns) {
    this.context = context;
    this.userns = userns;
    this.commands = new TreeCommands(userns);
  }

  /** Plans {@code mounts} for one run whose private folder is {@code runDir}. */
  public PlannedMounts plan(List<RunMount> mounts, Path runDir) throws IOException {
    PlannedMounts planned = new PlannedMounts();
    try {
      if (mounts.stream().anyMatch(m -> m instanceof RunMount.SecretMount s && s.asFile()
          && s.target().startsWith(SecretsDir.PATH + "/"))) {
        planned.add(SpecMount.tmpfs(SecretsDir.PATH, List.of("nosuid", "nodev", "noexec", "mode=755", "size=1m")));
      }
      int n = 0;
      boolean agentSet = false;
      for (RunMount m : mounts) {
        checkTarget(m.target());
        n++;
        if (m instanceof RunMount.CacheMount c) {
          planCache(c, planned, runDir, n);
        } else if (m instanceof RunMount.SecretMount s) {
          planSecret(s, planned, runDir, n);
        } else if (m instanceof RunMount.BindMount b) {
          planBind(b, planned, runDir, n);
        } else if (m instanceof RunMount.VolumeMount v) {
          if (!Files.exists(v.source())) {
            throw new HoistException("volume source " + v.source() + " does not exist");
          }
          planned.add(SpecMount.bind(v.source().toAbsolutePath().toString(), v.target(), v.readOnly()));
        } else if (m instanceof RunMount.TmpfsMount t) {
          planned.add(SpecMount.tmpfs(t.target(), t.sizeBytes() > 0
              ? List.of("nosuid", "nodev", "size=" + t.sizeBytes()) : List.of("nosuid", "nodev")));
        } else if (m instanceof RunMount.SshMount s) {
          agentSet |= planSsh(s, planned, runDir, n, !agentSet);
        }
      }
      return planned;
    } catch (IOException | RuntimeException e) {
      try {
        planned.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void planCache(RunMount.CacheMount c, PlannedMounts planned, Path runDir, int n) throws IOException {
    CacheDirs caches = new CacheDirs(context.cacheRoot());
    Path dir;
    switch (c.sharing()) {
      case LOCKED -> planned.onClose(caches.lock(c.id(), true).orElseThrow());
      case PRIVATE -> {
        Optional<PlannedMounts.Cleanup> lock = caches.lock(c.id(), false);
        if (lock.isEmpty()) {
          dir = Files.createDirectory(runDir.resolve("cache-" + n));
          removeAfterRun(planned, dir);
          prepareCacheDir(dir, c);
          planned.add(SpecMount.bind(dir.toString(), c.target(), c.readOnly()));
          return;
        }
        planned.onClose(lock.get());
      }
      case SHARED -> { }
    }
    dir = caches.dirOf(c.id());
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(context.cacheRoot());
      Path tmp = Files.createTempDirectory(context.cacheRoot(), ".new-");
      prepareCacheDir(tmp, c);
      try {
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        commands.delete(tmp);
      }
    }
    planned.add(SpecMount.bind(dir.toString(), c.target(), c.readOnly()));
  }

  /**
   * Removes {@code dir}, a folder in the run's private folder, when the run ends, from inside the
   * user namespace: what the RUN wrote there may belong to its other users, which only the
   * namespace can remove. As root nothing is added: the run's folder is removed whole afterwards.
   */
  private void removeAfterRun(PlannedMounts planned, Path dir) {
    if (userns.rootless()) {
      planned.onClose(() -> commands.delete(dir));
    }
  }

  private void prepareCacheDir(Path dir, RunMount.CacheMount c) throws IOException {
    if (c.seed().isPresent()) {
      try {
        commands.copyContents(c.seed().get(), dir);
      } catch (TreeCommands.CommandFailedException e) {
        throw new HoistException("cannot seed a cache mount from " + c.seed().get() + ": " + e.output());
      }
    }
    own(dir, c.uid(), c.gid(), c.mode());
  }

  private void planSecret(RunMount.SecretMount s, PlannedMounts planned, Path runDir, int n) throws IOException {
    Optional<byte[]> value = context.secrets().value(s.id());
    if (value.isEmpty()) {
      if (s.required()) {
        throw new HoistException("secret " + s.id() + " is required but was not given (use --secret id=" + s.id() + ",src=FILE)");
      }
      return;
    }
    if (s.env().isPresent()) {
      planned.addEnv(s.env().get() + "=" + new String(value.get(), java.nio.charset.StandardCharsets.UTF_8));
    }
    if (!s.asFile()) {
      return;
    }
    Path dir = Files.createDirectories(runDir.resolve("secrets"));
    Files.setPosixFilePermissions(dir, permissions(0700));
    Path file = dir.resolve("secret-" + n);
    Files.write(file, value.get(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    java.util.Arrays.fill(value.get(), (byte) 0);
    own(file, s.uid(), s.gid(), s.mode());
    planned.onClose(() -> Files.deleteIfExists(file));
    planned.add(SpecMount.bind(file.toString(), s.target(), true));
  }

  private void planBind(RunMount.BindMount b, PlannedMounts planned, Path runDir, int n) throws IOException {
    if (!Files.exists(b.source(), LinkOption.NOFOLLOW_LINKS)) {
      throw new HoistException("bind mount source " + b.source() + " does not exist");
    }
    if (!b.readWrite()) {
      planned.add(SpecMount.bind(b.source().toString(), b.target(), true));
      return;
    }
    Path copy = runDir.resolve("bind-" + n);
    removeAfterRun(planned, copy);
    commands.copy(b.source(), copy);
    planned.add(SpecMount.bind(copy.toString(), b.target(), false));
  }

  /**
   * Forwards the agent through a socket of its own with the mount's owner and mode; the first SSH
   * mount of a run names it in {@code SSH_AUTH_SOCK}, as BuildKit does. Returns whether it was mounted.
   */
  private boolean planSsh(RunMount.SshMount s, PlannedMounts planned, Path runDir, int n, boolean setVariable)
      throws IOException {
    Path agent = context.sshSockets().get(s.id());
    if (agent == null) {
      if (s.required()) {
        throw new HoistException("ssh agent " + s.id() + " is required but none was given (start ssh-agent or pass --ssh " + s.id() + ")");
      }
      return false;
    }
    Path socket = runDir.resolve("ssh-" + n);
    SshForward forward = SshForward.start(agent, socket);
    planned.onClose(forward::close);
    own(socket, s.uid(), s.gid(), s.mode());
    planned.add(SpecMount.bind(socket.toString(), s.target(), false));
    if (setVariable) {
      planned.addEnv("SSH_AUTH_SOCK=" + s.target());
    }
    return true;
  }

  /**
   * Gives a mount's folder, secret file or socket its mode and owner: directly as root; rootless,
   * by a chown inside the user namespace (where container ids other than root exist only there),
   * which fails in one line when the namespace does not map them.
   */
  private void own(Path p, long uid, long gid, int mode) throws IOException {
    Files.setPosixFilePermissions(p, permissions(mode));
    if (!userns.rootless()) {
      Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
      return;
    }
    if (uid == 0 && gid == 0) {
      return;
    }
    IdMapping ids = userns.mapping();
    if (!ids.mapsUid(uid) || !ids.mapsGid(gid)) {
      throw new HoistException("uid/gid " + uid + ":" + gid + " on a mount is not in the user namespace of "
          + System.getProperty("user.name") + ": give it a range of at least " + Math.max(uid, gid)
          + " ids in /etc/subuid and /etc/subgid (and install uidmap)");
    }
    // chown clears the setuid and setgid bits, so the mode is set again after it.
    commands.run(List.of("sh", "-c", "chown -h -- \"$1\" \"$3\" && chmod -- \"$2\" \"$3\"", "sh",
        uid + ":" + gid, Integer.toOctalString(mode), p.toString()),
        "giving a mount its owner " + uid + ":" + gid + " in the user namespace (chown)");
  }

  private static void checkTarget(String target) {
    if (!target.startsWith("/") || target.equals("/") || List.of(target.split("/")).contains("..")) {
      throw new HoistException("invalid mount target " + target + " (want an absolute path below /)");
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = java.util.EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(order[i]);
      }
    }
    return s;
  }
}
