package dev.hoist.runtime.spec;

import java.util.List;

/** One entry of an OCI spec's {@code mounts}: where, what kind, from where, with which options. */
public record SpecMount(String destination, String type, String source, List<String> options) {
  public SpecMount {
    options = List.copyOf(options);
  }

  public static SpecMount bind(String source, String destination, boolean readOnly) {
    return new SpecMount(destination, "bind", source,
        readOnly ? List.of("rbind", "ro", "nosuid", "nodev") : List.of("rbind", "rw", "nosuid", "nodev"));
  }

  public static SpecMount tmpfs(String destination, List<String> options) {
    return new SpecMount(destination, "tmpfs", "tmpfs", options);
  }

  public boolean isBind() {
    return type.equals("bind");
  }

  public boolean readOnly() {
    return options.contains("ro");
  }
}
