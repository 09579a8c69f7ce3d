package dev.hoist.runtime.mount;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code RUN --mount=...} as the builder hands it over, already parsed and with its sources
 * resolved to host paths. {@link MountPlanner} turns each into spec mounts.
 */
public sealed interface RunMount {
  /** The container path it is mounted at. */
  String target();

  /** How concurrent runs share one cache. */
  enum Sharing { SHARED, PRIVATE, LOCKED }

  /**
   * A folder that persists across builds under the cache root, named by {@code id} (the target by
   * default); created with {@code mode}, {@code uid} and {@code gid} the first time, holding a copy
   * of {@code seed} then when there is one ({@code from=STAGE,source=...}).
   */
  record CacheMount(String target, String id, Sharing sharing, boolean readOnly, int mode, long uid, long gid,
      Optional<Path> seed) implements RunMount {
    public CacheMount {
      id = id.isEmpty() ? target : id;
    }

    /** A cache that starts empty. */
    public CacheMount(String target, String id, Sharing sharing, boolean readOnly, int mode, long uid, long gid) {
      this(target, id, sharing, readOnly, mode, uid, gid, Optional.empty());
    }

    public static CacheMount of(String target) {
      return new CacheMount(target, "", Sharing.SHARED, false, 0755, 0, 0);
    }
  }

  /**
   * A secret given with {@code --secret id=...}: a read-only file at {@code target} (by default
   * {@code /run/secrets/<id>}), and/or an environment variable named {@code env}. A missing secret
   * is an error when {@code required}, else the mount is skipped.
   */
  record SecretMount(String id, Optional<String> targetPath, Optional<String> env, boolean required,
      int mode, long uid, long gid) implements RunMount {
    public static SecretMount file(String id) {
      return new SecretMount(id, Optional.empty(), Optional.empty(), false, 0400, 0, 0);
    }

    public static SecretMount env(String id, String variable) {
      return new SecretMount(id, Optional.empty(), Optional.of(variable), false, 0400, 0, 0);
    }

    /** Whether a file is mounted: when a target is given or no env variable is. */
    public boolean asFile() {
      return targetPath.isPresent() || env.isEmpty();
    }

    @Override
    public String target() {
      return targetPath.orElse(SecretsDir.PATH + "/" + id);
    }
  }

  /**
   * A host folder or file (from the build context or another stage's root) bound at {@code target};
   * read-only unless {@code readWrite}, and then writes go to a throw-away copy.
   */
  record BindMount(Path source, String target, boolean readWrite) implements RunMount {}

  /** A host folder or file bound as it is, writes reaching the host ({@code hoist run -v}). */
  record VolumeMount(Path source, String target, boolean readOnly) implements RunMount {}

  /** An empty tmpfs; {@code sizeBytes} 0 means the kernel's default. */
  record TmpfsMount(String target, long sizeBytes) implements RunMount {}

  /**
   * The SSH agent {@code id} (default {@code default}) forwarded through a socket at {@code target}
   * with {@code mode}, {@code uid} and {@code gid} (BuildKit's defaults: 0600, root).
   */
  record SshMount(String id, Optional<String> targetPath, boolean required, int mode, long uid, long gid)
      implements RunMount {
    @Override
    public String target() {
      return targetPath.orElse("/run/buildkit/ssh_agent.0");
    }
  }
}
