package dev.hoist.build.step;

import dev.hoist.dockerfile.instruction.AddInstruction;
import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.CmdInstruction;
import dev.hoist.dockerfile.instruction.CopyInstruction;
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
import dev.hoist.dockerfile.instruction.SourceContent;
import dev.hoist.dockerfile.instruction.StopSignalInstruction;
import dev.hoist.dockerfile.instruction.UserInstruction;
import dev.hoist.dockerfile.instruction.VolumeInstruction;
import dev.hoist.dockerfile.instruction.WorkdirInstruction;
import dev.hoist.dockerfile.text.GoQuote;
import dev.hoist.oci.ContainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code created_by} text BuildKit's Dockerfile frontend writes into an image's history:
 * {@code ENV A=1}, {@code WORKDIR /app}, {@code EXPOSE map[80/tcp:{}]}, {@code CMD ["a" "b"]},
 * {@code COPY a.txt /app/ # buildkit}, {@code RUN /bin/sh -c echo hi # buildkit}. Steps that make a
 * layer with a file operation end in {@code # buildkit}.
 */
public final class CreatedBy {
  /** The history comment BuildKit's Dockerfile frontend writes. */
  public static final String COMMENT = "buildkit.dockerfile.v0";

  private CreatedBy() {}

  /** The text for an expanded metadata or COPY/ADD instruction, given the config after it. */
  public static String of(Instruction i, ContainerConfig after, Map<String, String> argValues) {
    if (i instanceof EnvInstruction e) {
      return "ENV " + pairs(e.variables());
    }
    if (i instanceof LabelInstruction l) {
      return "LABEL " + pairs(l.labels());
    }
    if (i instanceof ExposeInstruction x) {
      return "EXPOSE map[" + ExposedPorts.parse(x.ports()).keySet().stream().sorted().map(p -> p + ":{}")
          .collect(Collectors.joining(" ")) + "]";
    }
    if (i instanceof UserInstruction u) {
      return "USER " + u.user();
    }
    if (i instanceof WorkdirInstruction) {
      return "WORKDIR " + after.workingDir();
    }
    if (i instanceof VolumeInstruction v) {
      return "VOLUME [" + String.join(" ", v.paths()) + "]";
    }
    if (i instanceof CmdInstruction) {
      return "CMD " + GoQuote.quoteList(after.cmd().orElse(List.of()));
    }
    if (i instanceof EntrypointInstruction) {
      return "ENTRYPOINT " + GoQuote.quoteList(after.entrypoint().orElse(List.of()));
    }
    if (i instanceof ShellInstruction s) {
      return "SHELL [" + String.join(" ", s.shell()) + "]";
    }
    if (i instanceof StopSignalInstruction s) {
      return "STOPSIGNAL " + s.signal();
    }
    if (i instanceof HealthcheckInstruction) {
      return "HEALTHCHECK " + after.healthcheckIfAny()
          .map(h -> "&{" + GoQuote.quoteList(h.test()) + " " + goDuration(h.interval()) + " " + goDuration(h.timeout())
              + " " + goDuration(h.startPeriod()) + " " + goDuration(h.startInterval()) + " " + h.retries() + "}")
          .orElse("NONE");
    }
    if (i instanceof MaintainerInstruction m) {
      return "MAINTAINER " + m.name();
    }
    if (i instanceof ArgInstruction a) {
      List<String> parts = new ArrayList<>();
      a.args().forEach(d -> parts.add(argValues.containsKey(d.name()) ? d.name() + "=" + argValues.get(d.name()) : d.name()));
      return "ARG " + String.join(" ", parts);
    }
    if (i instanceof OnbuildInstruction o) {
      return "ONBUILD " + o.expression();
    }
    if (i instanceof CopyInstruction c) {
      return fileOp("COPY", c.sources(), c.contents(), c.destination());
    }
    if (i instanceof AddInstruction a) {
      return fileOp("ADD", a.sources(), a.contents(), a.destination());
    }
    return i.keyword() + " " + i.origin().text();
  }

  /** {@code RUN /bin/sh -c echo hi # buildkit}, with {@code |N K=V...} first when build args are in scope. */
  public static String run(List<String> argv, Map<String, String> args) {
    StringBuilder sb = new StringBuilder("RUN ");
    if (!args.isEmpty()) {
      sb.append('|').append(args.size()).append(' ');
      args.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
    }
    return sb.append(String.join(" ", argv)).append(" # buildkit").toString();
  }

  private static String fileOp(String keyword, List<String> sources, List<SourceContent> contents, String dest) {
    StringBuilder sb = new StringBuilder(keyword);
    contents.forEach(c -> sb.append(' ').append(c.path()));
    sources.forEach(s -> sb.append(' ').append(s));
    return sb.append(' ').append(dest).append(" # buildkit").toString();
  }

  private static String pairs(List<KeyValue> kvs) {
    return kvs.stream().map(kv -> kv.key() + "=" + kv.value()).collect(Collectors.joining(" "));
  }

  /** Go's {@code time.Duration} text of nanoseconds, as {@code %v} prints it ({@code 30s}, {@code 1m30s}, {@code 0s}). */
  static String goDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    java.time.Duration d = java.time.Duration.ofNanos(nanos);
    StringBuilder sb = new StringBuilder();
    if (d.toHours() > 0) {
      sb.append(d.toHours()).append('h');
    }
    if (d.toHours() > 0 || d.toMinutesPart() > 0) {
      sb.append(d.toMinutesPart()).append('m');
    }
    long nano = d.toNanosPart();
    sb.append(d.toSecondsPart());
    if (nano > 0) {
      sb.append('.').append(String.format("%09d", nano).replaceAll("0+$", ""));
    }
    return sb.append('s').toString();
  }
}
