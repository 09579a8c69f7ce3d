package dev.hoist.runtime.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The file systems every container gets: {@code /proc}, a {@code /dev} tmpfs with {@code pts},
 * {@code shm} and {@code mqueue}, and {@code /sys} read-only: a new sysfs with the container's own
 * network namespace, bound from the host with the host's network (a sysfs can only be mounted by
 * the owner of the network namespace, which a rootless run is not).
 */
public final class DefaultMounts {
  private DefaultMounts() {}

  public static List<SpecMount> of(boolean rootless, boolean isolatedNetwork) {
    List<SpecMount> m = new ArrayList<>();
    m.add(new SpecMount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    m.add(new SpecMount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    m.add(new SpecMount("/dev/pts", "devpts", "devpts", rootless
        ? List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")
        : List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
    m.add(new SpecMount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
    m.add(new SpecMount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
    if (isolatedNetwork) {
      m.add(new SpecMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
    } else {
      m.add(new SpecMount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
    }
    return m;
  }
}
