package dev.hoist.runtime.spec;

import java.util.List;

/** The capability set a RUN step gets: Docker's default set. */
public final class Capabilities {
  /** Docker's default capabilities (moby {@code oci/caps/defaults.go}). */
  public static final List<String> DOCKER_DEFAULT = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
      "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  private Capabilities() {}
}
