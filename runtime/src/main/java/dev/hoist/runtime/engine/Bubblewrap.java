package dev.hoist.runtime.engine;

import dev.hoist.runtime.spec.ContainerSpec;
import dev.hoist.runtime.spec.SpecMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bubblewrap ({@code bwrap}), the last resort: it takes the spec as arguments. It keeps the
 * capability set and namespaces of the spec; it has no masked paths, and {@code /sys} is bound
 * read-only from the host. bwrap always sets no_new_privs.
 */
public record Bubblewrap(Path executable) implements ContainerRuntime {
  @Override
  public String name() {
    return "bwrap";
  }


  @Override
  public List<String> command(ContainerSpec spec, Path bundle, Path state, String containerId) {
    List<String> a = new ArrayList<>(List.of(executable.toString(), "--die-with-parent",
        "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", spec.hostname()));
    if (spec.isolatedNetwork()) {
      a.add("--unshare-net");
    }
    a.addAll(List.of("--bind", spec.rootfs().toString(), "/"));
    for (SpecMount m : spec.mounts()) {
      switch (m.type()) {
        case "proc" -> a.addAll(List.of("--proc", m.destination()));
        case "tmpfs" -> {
          if (m.destination().equals("/dev")) {
            a.addAll(List.of("--dev", "/dev"));
          } else {
            a.addAll(List.of("--tmpfs", m.destination()));
          }
        }
        case "mqueue" -> a.addAll(List.of("--mqueue", m.destination()));
        case "devpts" -> { }
        case "sysfs" -> a.addAll(List.of("--ro-bind", "/sys", m.destination()));
        default -> a.addAll(List.of(m.readOnly() ? "--ro-bind" : "--bind", m.source(), m.destination()));
      }
    }
    a.addAll(List.of("--chdir", spec.cwd(), "--clearenv"));
    for (String kv : spec.env()) {
      int eq = kv.indexOf('=');
      a.addAll(List.of("--setenv", kv.substring(0, eq), kv.substring(eq + 1)));
    }
    if (spec.uid() != 0 || spec.gid() != 0) {
      a.addAll(List.of("--unshare-user", "--uid", Long.toString(spec.uid()), "--gid", Long.toString(spec.gid())));
    }
    a.add("--cap-drop");
    a.add("ALL");
    for (String cap : spec.capabilities()) {
      a.addAll(List.of("--cap-add", cap));
    }
    a.add("--");
    a.addAll(spec.args());
    return a;
  }
}
