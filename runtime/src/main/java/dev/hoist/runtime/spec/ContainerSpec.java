package dev.hoist.runtime.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a runtime needs to start one process, independent of the runtime's own format: the
 * OCI {@code config.json} of crun/runc ({@link OciConfig}) and the arguments of bubblewrap are
 * both written from it. Mounts are in order, the image's defaults ({@code /proc}, {@code /dev}...)
 * first. With {@code terminal}, the process runs on a pseudo-terminal that the runtime makes, of
 * {@code consoleSize} when that is known; without {@code terminal} there is no size.
 */
public record ContainerSpec(
    Path rootfs,
    List<String> args,
    List<String> env,
    String cwd,
    long uid,
    long gid,
    List<Long> additionalGids,
    String hostname,
    List<SpecMount> mounts,
    boolean isolatedNetwork,
    List<String> capabilities,
    boolean noNewPrivileges,
    boolean terminal,
    Optional<ConsoleSize> consoleSize) {

  public ContainerSpec {
    args = List.copyOf(args);
    env = List.copyOf(env);
    additionalGids = List.copyOf(additionalGids);
    mounts = List.copyOf(mounts);
    capabilities = List.copyOf(capabilities);
    consoleSize = terminal ? consoleSize : Optional.empty();
    if (args.isEmpty()) {
      throw new IllegalArgumentException("no command to run");
    }
  }

  /** Every mount destination, as the snapshot needs them to drop mount-point stubs from the diff. */
  public List<String> mountTargets() {
    return mounts.stream().map(SpecMount::destination).toList();
  }
}
