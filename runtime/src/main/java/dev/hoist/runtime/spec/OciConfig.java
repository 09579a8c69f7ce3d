package dev.hoist.runtime.spec;

import dev.hoist.oci.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ContainerSpec} as the OCI runtime spec's {@code config.json} (version 1.0.2,
 * which crun 1.8 and runc 1.1 read): no cgroup settings (the runtime runs with cgroups disabled or
 * rootless), no user namespace (the runner creates it around the runtime), Docker's masked and
 * read-only paths, a terminal only when the spec asks for one.
 */
public final class OciConfig {
  static final List<String> MASKED_PATHS = List.of(
      "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
      "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
  static final List<String> READONLY_PATHS = List.of(
      "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private OciConfig() {}

  /** The config as a JSON tree. */
  public static Map<String, Object> toMap(ContainerSpec spec) {
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("terminal", spec.terminal());
    spec.consoleSize().ifPresent(size -> process.put("consoleSize", Map.of("height", size.rows(), "width", size.columns())));
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("uid", spec.uid());
    user.put("gid", spec.gid());
    if (!spec.additionalGids().isEmpty()) {
      user.put("additionalGids", spec.additionalGids());
    }
    process.put("user", user);
    process.put("args", spec.args());
    process.put("env", spec.env());
    process.put("cwd", spec.cwd());
    Map<String, Object> caps = new LinkedHashMap<>();
    for (String set : List.of("bounding", "effective", "permitted")) {
      caps.put(set, spec.capabilities());
    }
    process.put("capabilities", caps);
    process.put("noNewPrivileges", spec.noNewPrivileges());

    List<Map<String, Object>> mounts = new ArrayList<>();
    for (SpecMount m : spec.mounts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("destination", m.destination());
      e.put("type", m.type());
      e.put("source", m.source());
      e.put("options", m.options());
      mounts.add(e);
    }

    List<Map<String, Object>> namespaces = new ArrayList<>();
    for (String ns : List.of("pid", "ipc", "uts", "mount")) {
      namespaces.add(Map.of("type", ns));
    }
    if (spec.isolatedNetwork()) {
      namespaces.add(Map.of("type", "network"));
    }
    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put("namespaces", namespaces);
    linux.put("maskedPaths", MASKED_PATHS);
    linux.put("readonlyPaths", READONLY_PATHS);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("path", spec.rootfs().toString());
    root.put("readonly", false);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("ociVersion", "1.0.2");
    config.put("process", process);
    config.put("root", root);
    config.put("hostname", spec.hostname());
    config.put("mounts", mounts);
    config.put("linux", linux);
    return config;
  }

  /** Writes {@code bundle/config.json}, readable by its owner only (it holds the environment). */
  public static Path write(ContainerSpec spec, Path bundle) throws IOException {
    Path file = bundle.resolve("config.json");
    Files.write(file, Json.write(toMap(spec)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
