package dev.hoist.build.step;

import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.CmdInstruction;
import dev.hoist.dockerfile.instruction.EntrypointInstruction;
import dev.hoist.dockerfile.instruction.EnvInstruction;
import dev.hoist.dockerfile.instruction.ExposeInstruction;
import dev.hoist.dockerfile.instruction.HealthcheckInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.KeyValue;
import dev.hoist.dockerfile.instruction.LabelInstruction;
import dev.hoist.dockerfile.instruction.MaintainerInstruction;
import dev.hoist.dockerfile.instruction.OnbuildInstruction;
import dev.hoist.dockerfile.instruction.ShellInstruction;
import dev.hoist.dockerfile.instruction.StopSignalInstruction;
import dev.hoist.dockerfile.instruction.UserInstruction;
import dev.hoist.dockerfile.instruction.VolumeInstruction;
import dev.hoist.dockerfile.instruction.WorkdirInstruction;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.HealthConfig;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Edits an image config the way Docker does for each metadata instruction (already expanded):
 * ENV replaces a variable in place or appends it, EXPOSE adds {@code port/proto} keys, WORKDIR
 * resolves against the current one, ENTRYPOINT drops a CMD inherited from the base image, shell
 * forms run behind the config's SHELL (default {@code /bin/sh -c}), MAINTAINER sets the author.
 */
public final class ConfigEditor {
  /** The shell of shell-form commands when the image sets no SHELL. */
  public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private static final Set<String> SIGNALS = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
      "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS",
      "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ");

  private ConfigEditor() {}

  /** Whether {@code i} only edits the config (no layer, history entry marked {@code empty_layer}). */
  public static boolean isMetadata(Instruction i) {
    return i instanceof EnvInstruction || i instanceof LabelInstruction || i instanceof ExposeInstruction
        || i instanceof UserInstruction || i instanceof VolumeInstruction || i instanceof CmdInstruction
        || i instanceof EntrypointInstruction || i instanceof ShellInstruction || i instanceof StopSignalInstruction
        || i instanceof HealthcheckInstruction || i instanceof MaintainerInstruction || i instanceof ArgInstruction
        || i instanceof OnbuildInstruction;
  }

  /** The state after {@code i}: config edited; ENTRYPOINT/CMD bookkeeping updated. No history. */
  public static ImageState apply(Instruction i, ImageState state) {
    ImageConfig image = state.config();
    ContainerConfig c = image.config();
    if (i instanceof MaintainerInstruction m) {
      return state.withConfig(image.withAuthor(m.name()));
    }
    if (i instanceof CmdInstruction cmd) {
      return state.withConfig(image.withConfig(edit(c).cmd(Optional.of(cmd.command().argv(shell(c)))).build()))
          .withCmdSet(true);
    }
    if (i instanceof EntrypointInstruction ep) {
      Edit e = edit(c).entrypoint(Optional.of(ep.command().argv(shell(c))));
      if (!state.cmdSet()) {
        e.cmd(Optional.empty());
      }
      return state.withConfig(image.withConfig(e.build()));
    }
    return state.withConfig(image.withConfig(applyToContainer(i, c)));
  }

  private static ContainerConfig applyToContainer(Instruction i, ContainerConfig c) {
    if (i instanceof EnvInstruction env) {
      List<String> vars = new ArrayList<>(c.env());
      for (KeyValue kv : env.variables()) {
        setEnv(vars, kv.key(), kv.value());
      }
      return edit(c).env(vars).build();
    }
    if (i instanceof LabelInstruction l) {
      Map<String, String> labels = new LinkedHashMap<>(c.labels());
      l.labels().forEach(kv -> labels.put(kv.key(), kv.value()));
      return edit(c).labels(labels).build();
    }
    if (i instanceof ExposeInstruction x) {
      Map<String, Map<String, Object>> ports = new LinkedHashMap<>(c.exposedPorts());
      ports.putAll(ExposedPorts.parse(x.ports()));
      return edit(c).exposedPorts(ports).build();
    }
    if (i instanceof UserInstruction u) {
      return edit(c).user(u.user()).build();
    }
    if (i instanceof WorkdirInstruction w) {
      return edit(c).workingDir(resolveWorkdir(c.workingDir(), w.path())).build();
    }
    if (i instanceof VolumeInstruction v) {
      Map<String, Map<String, Object>> volumes = new LinkedHashMap<>(c.volumes());
      for (String p : v.paths()) {
        if (p.isBlank()) {
          throw new HoistException("VOLUME specified can not be an empty string");
        }
        volumes.put(p, Map.of());
      }
      return edit(c).volumes(volumes).build();
    }
    if (i instanceof ShellInstruction s) {
      return edit(c).shell(s.shell()).build();
    }
    if (i instanceof StopSignalInstruction s) {
      checkSignal(s.signal());
      return edit(c).stopSignal(s.signal()).build();
    }
    if (i instanceof HealthcheckInstruction h) {
      HealthConfig hc = h.config()
          .map(p -> new HealthConfig(p.test(), nanos(p.interval()), nanos(p.timeout()), nanos(p.startPeriod()),
              nanos(p.startInterval()), p.retries().orElse(0)))
          .orElse(new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0));
      return edit(c).healthcheck(hc).build();
    }
    if (i instanceof OnbuildInstruction o) {
      List<String> triggers = new ArrayList<>(c.onBuild());
      triggers.add(o.expression());
      return edit(c).onBuild(triggers).build();
    }
    if (i instanceof ArgInstruction) {
      return c;
    }
    throw new IllegalArgumentException(i.keyword() + " is not a metadata instruction");
  }

  /** The config without ONBUILD triggers, as a child image's config starts once it ran them. */
  public static ContainerConfig withoutOnBuild(ContainerConfig c) {
    return edit(c).onBuild(List.of()).build();
  }

  /** The shell a shell-form command runs behind. */
  public static List<String> shell(ContainerConfig c) {
    return c.shell().isEmpty() ? DEFAULT_SHELL : c.shell();
  }

  /** WORKDIR {@code path} relative to {@code current} (default {@code /}), cleaned like Go's path.Clean. */
  public static String resolveWorkdir(String current, String path) {
    String joined = path.startsWith("/") ? path : (current.isEmpty() ? "/" : current) + "/" + path;
    return cleanPath(joined);
  }

  /** Go's {@code path.Clean} for absolute paths. */
  public static String cleanPath(String p) {
    List<String> parts = new ArrayList<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(s);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static void setEnv(List<String> vars, String key, String value) {
    for (int n = 0; n < vars.size(); n++) {
      String v = vars.get(n);
      int eq = v.indexOf('=');
      if ((eq < 0 ? v : v.substring(0, eq)).equals(key)) {
        vars.set(n, key + "=" + value);
        return;
      }
    }
    vars.add(key + "=" + value);
  }

  /** The value of {@code name} in a config's {@code Env}. */
  public static Optional<String> env(ContainerConfig c, String name) {
    for (String v : c.env()) {
      int eq = v.indexOf('=');
      if (eq > 0 && v.substring(0, eq).equals(name)) {
        return Optional.of(v.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  private static void checkSignal(String signal) {
    if (signal.matches("[0-9]+")) {
      return;
    }
    String name = signal.toUpperCase(java.util.Locale.ROOT);
    name = name.startsWith("SIG") ? name.substring(3) : name;
    if (!SIGNALS.contains(name) && !name.matches("RTMIN(\\+[0-9]+)?|RTMAX(-[0-9]+)?")) {
      throw new HoistException("invalid signal: " + signal);
    }
  }

  private static long nanos(Optional<Duration> d) {
    return d.map(Duration::toNanos).orElse(0L);
  }

  private static Edit edit(ContainerConfig c) {
    return new Edit(c);
  }

  /** A mutable copy of a ContainerConfig, for one edit. */
  private static final class Edit {
    private String user;
    private Map<String, Map<String, Object>> exposedPorts;
    private List<String> env;
    private Optional<List<String>> entrypoint;
    private Optional<List<String>> cmd;
    private Map<String, Map<String, Object>> volumes;
    private String workingDir;
    private Map<String, String> labels;
    private String stopSignal;
    private final boolean argsEscaped;
    private HealthConfig healthcheck;
    private List<String> shell;
    private List<String> onBuild;
    private final Map<String, Object> extra;

    Edit(ContainerConfig c) {
      user = c.user();
      exposedPorts = c.exposedPorts();
      env = c.env();
      entrypoint = c.entrypoint();
      cmd = c.cmd();
      volumes = c.volumes();
      workingDir = c.workingDir();
      labels = c.labels();
      stopSignal = c.stopSignal();
      argsEscaped = c.argsEscaped();
      healthcheck = c.healthcheck();
      shell = c.shell();
      onBuild = c.onBuild();
      extra = c.extra();
    }

    Edit user(String v) {
      user = v;
      return this;
    }

    Edit exposedPorts(Map<String, Map<String, Object>> v) {
      exposedPorts = v;
      return this;
    }

    Edit env(List<String> v) {
      env = v;
      return this;
    }

    Edit entrypoint(Optional<List<String>> v) {
      entrypoint = v;
      return this;
    }

    Edit cmd(Optional<List<String>> v) {
      cmd = v;
      return this;
    }

    Edit volumes(Map<String, Map<String, Object>> v) {
      volumes = v;
      return this;
    }

    Edit workingDir(String v) {
      workingDir = v;
      return this;
    }

    Edit labels(Map<String, String> v) {
      labels = v;
      return this;
    }

    Edit stopSignal(String v) {
      stopSignal = v;
      return this;
    }

    Edit healthcheck(HealthConfig v) {
      healthcheck = v;
      return this;
    }

    Edit shell(List<String> v) {
      shell = v;
      return this;
    }

    Edit onBuild(List<String> v) {
      onBuild = v;
      return this;
    }

    ContainerConfig build() {
      return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
          argsEscaped, healthcheck, shell, onBuild, extra);
    }
  }
}
