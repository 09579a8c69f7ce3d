package dev.hoist.transfer;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One {@code --change} of {@code hoist import}, a Dockerfile instruction applied to the config:
 * CMD, ENTRYPOINT (JSON or shell form), ENV, WORKDIR, USER, LABEL, EXPOSE, STOPSIGNAL.
 */
public final class ConfigChange {
  private ConfigChange() {}

  /** Applies {@code instruction} to {@code c}; a user-fixable error names the instruction. */
  public static ContainerConfig apply(ContainerConfig c, String instruction) {
    String trimmed = instruction.strip();
    int space = trimmed.indexOf(' ');
    if (space < 0) {
      throw new HoistException("--change '" + instruction + "': want INSTRUCTION ARGUMENTS, e.g. 'CMD [\"sh\"]'");
    }
    String keyword = trimmed.substring(0, space).toUpperCase(java.util.Locale.ROOT);
    String args = trimmed.substring(space + 1).strip();
    return switch (keyword) {
      case "CMD" -> with(c, null, null, Optional.of(command(args, instruction)), null, null, null, null);
      case "ENTRYPOINT" -> with(c, null, Optional.of(command(args, instruction)), null, null, null, null, null);
      case "ENV" -> {
        List<String> env = new ArrayList<>(c.env());
        for (Map.Entry<String, String> kv : pairs(args, instruction).entrySet()) {
          env.removeIf(e -> e.startsWith(kv.getKey() + "="));
          env.add(kv.getKey() + "=" + kv.getValue());
        }
        yield with(c, env, null, null, null, null, null, null);
      }
      case "WORKDIR" -> with(c, null, null, null, args, null, null, null);
      case "USER" -> with(c, null, null, null, null, args, null, null);
      case "LABEL" -> {
        Map<String, String> labels = new TreeMap<>(c.labels());
        labels.putAll(pairs(args, instruction));
        yield with(c, null, null, null, null, null, labels, null);
      }
      case "EXPOSE" -> {
        Map<String, Map<String, Object>> ports = new TreeMap<>(c.exposedPorts());
        for (String p : args.split("\\s+")) {
          ports.put(p.contains("/") ? p : p + "/tcp", Map.of());
        }
        yield with(c, null, null, null, null, null, null, ports);
      }
      case "STOPSIGNAL" -> new ContainerConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(),
          c.volumes(), c.workingDir(), c.labels(), args, c.argsEscaped(), c.healthcheck(), c.shell(), c.onBuild(),
          c.extra());
      default -> throw new HoistException("--change '" + instruction + "': " + keyword
          + " is not supported (CMD, ENTRYPOINT, ENV, WORKDIR, USER, LABEL, EXPOSE, STOPSIGNAL are)");
    };
  }

  private static ContainerConfig with(ContainerConfig c, List<String> env, Optional<List<String>> entrypoint,
      Optional<List<String>> cmd, String workdir, String user, Map<String, String> labels,
      Map<String, Map<String, Object>> ports) {
    return new ContainerConfig(user != null ? user : c.user(), ports != null ? ports : c.exposedPorts(),
        env != null ? env : c.env(), entrypoint != null ? entrypoint : c.entrypoint(), cmd != null ? cmd : c.cmd(),
        c.volumes(), workdir != null ? workdir : c.workingDir(), labels != null ? labels : c.labels(),
        c.stopSignal(), c.argsEscaped(), c.healthcheck(), c.shell(), c.onBuild(), c.extra());
  }

  private static List<String> command(String args, String instruction) {
    if (args.startsWith("[")) {
      try {
        return Json.mapper().readValue(args, new TypeReference<List<String>>() {});
      } catch (IOException e) {
        throw new HoistException("--change '" + instruction + "': invalid JSON array");
      }
    }
    return List.of("/bin/sh", "-c", args);
  }

  private static Map<String, String> pairs(String args, String instruction) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!args.contains("=")) {
      int sp = args.indexOf(' ');
      if (sp < 0) {
        throw new HoistException("--change '" + instruction + "': want KEY=VALUE");
      }
      out.put(args.substring(0, sp), args.substring(sp + 1).strip());
      return out;
    }
    for (String token : args.split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new HoistException("--change '" + instruction + "': want KEY=VALUE, got '" + token + "'");
      }
      String value = token.substring(eq + 1);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      out.put(token.substring(0, eq), value);
    }
    return out;
  }
}
