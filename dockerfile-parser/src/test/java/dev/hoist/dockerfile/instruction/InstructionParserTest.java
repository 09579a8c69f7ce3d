package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.parse.AstParser;
import dev.hoist.dockerfile.parse.Heredoc;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionParserTest {

    private static Instruction parse(String line) {
        return new InstructionParser("Dockerfile").parse(AstParser.parse("Dockerfile", line).nodes().get(0));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Instruction> T parse(String line, Class<T> type) {
        Instruction i = parse(line);
        assertThat(i).isInstanceOf(type);
        return (T) i;
    }

    private static void fails(String line, String detail) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(DockerfileException.class)
                .satisfies(e -> assertThat(((DockerfileException) e).detail()).isEqualTo(detail));
    }

    @Test
    void from() {
        FromInstruction f = parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build", FromInstruction.class);
        assertThat(f.image()).isEqualTo("golang:1.22");
        assertThat(f.platform()).contains("$BUILDPLATFORM");
        assertThat(f.stageName()).contains("build");
        assertThat(f.keyword()).isEqualTo("FROM");
        fails("FROM a b", "FROM requires either one or three arguments");
        fails("FROM a AS 1x", "invalid name for build stage: \"1x\", name can't start with a number or contain symbols");
        fails("FROM --platfrom=x a", "unknown flag: --platfrom for FROM (did you mean --platform?)");
    }

    @Test
    void runWithMountsNetworkSecurity() {
        RunInstruction r = parse("RUN --mount=type=cache,target=/root/.m2,sharing=locked,id=m2 "
                + "--mount=type=secret,id=npmrc,required --mount=type=bind,from=build,source=/out,target=/in,rw "
                + "--mount=type=tmpfs,target=/tmp,size=64m --mount=type=ssh --network=none --security=insecure mvn -B package",
                RunInstruction.class);
        assertThat(r.command()).isEqualTo(new CommandLine(List.of("mvn -B package"), true));
        assertThat(r.network()).contains("none");
        assertThat(r.security()).contains("insecure");
        List<Mount> m = r.mounts();
        assertThat(m).extracting(Mount::type).containsExactly(Mount.Type.CACHE, Mount.Type.SECRET, Mount.Type.BIND,
                Mount.Type.TMPFS, Mount.Type.SSH);
        assertThat(m.get(0).sharing()).isEqualTo(Mount.Sharing.LOCKED);
        assertThat(m.get(0).effectiveId()).contains("m2");
        assertThat(m.get(0).readOnly()).isFalse();
        assertThat(m.get(1).required()).isTrue();
        assertThat(m.get(1).effectiveTarget()).contains("/run/secrets/npmrc");
        assertThat(m.get(2).from()).contains("build");
        assertThat(m.get(2).readOnly()).isFalse();
        assertThat(m.get(3).size()).contains(64L << 20);
        assertThat(m.get(4).effectiveTarget()).contains("/run/buildkit/ssh_agent.0");
        assertThat(m.get(4).effectiveId()).contains("default");
    }

    @Test
    void mountDetails() {
        Mount secret = parse("RUN --mount=type=secret,target=/etc/token,mode=0400,uid=10,gid=20,env=TOKEN cat",
                RunInstruction.class).mounts().get(0);
        assertThat(secret.effectiveId()).contains("token");
        assertThat(secret.mode()).contains(0400);
        assertThat(secret.uid()).isEqualTo(OptionalInt.of(10));
        assertThat(secret.gid()).isEqualTo(OptionalInt.of(20));
        assertThat(secret.env()).contains("TOKEN");
        Mount bind = parse("RUN --mount=target=/src x", RunInstruction.class).mounts().get(0);
        assertThat(bind.type()).isEqualTo(Mount.Type.BIND);
        assertThat(bind.readOnly()).isTrue();
    }

    @Test
    void mountValuesAreCsvRecords() {
        Mount quoted = parse("RUN --mount='type=cache,\"target=/a,b\",,id=c' true", RunInstruction.class).mounts().get(0);
        assertThat(quoted.target()).contains("/a,b");
        assertThat(quoted.id()).contains("c");
        fails("RUN --mount='type=cache,target=\"/x\"' true",
                "invalid --mount value type=cache,target=\"/x\": a quote inside a field; quote the whole field, as in \"key=a,b\"");
        fails("RUN --mount='type=cache,\"target=/x' true",
                "invalid --mount value type=cache,\"target=/x: a quoted field has no closing quote");
    }

    @Test
    void badMounts() {
        fails("RUN --mount=type=volume,target=/x true", "unsupported mount type \"volume\" (use bind, cache, tmpfs, secret or ssh)");
        fails("RUN --mount=type=cache,tagret=/x true", "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)");
        fails("RUN --mount=type=cache true", "mount type=cache needs a target (target=/path)");
        fails("RUN --mount=type=cache,target=/x,sharing=maybe true", "unsupported sharing value \"maybe\" (use shared, private or locked)");
        fails("RUN --mount=type=bind,target=/x,size=1 true", "unexpected key 'size' for mount type 'bind'");
        fails("RUN --mount=type=cache,target=/x,mode=999 true", "invalid mode \"999\": expected an octal number such as 0644");
        fails("RUN --network=bridge true", "invalid value for --network: bridge (use default, none, host)");
        fails("RUN --mount true", "missing a value on flag: --mount");
        fails("RUN", "RUN requires at least one argument");
    }

    @Test
    void runHeredocScripts() {
        RunInstruction plain = parse("RUN make all", RunInstruction.class);
        assertThat(plain.shellScript()).isEqualTo("make all");
        assertThat(plain.executableHeredoc()).isEmpty();
        RunInstruction single = parse("RUN <<-EOF\n\tset -e\n\tmake\nEOF\n", RunInstruction.class);
        assertThat(single.shellScript()).isEqualTo("set -e\nmake\n");
        assertThat(single.executableHeredoc()).isEmpty();
        RunInstruction shebang = parse("RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n", RunInstruction.class);
        assertThat(shebang.executableHeredoc()).map(Heredoc::name).contains("EOF");
        RunInstruction complex = parse("RUN python3 <<PY > /out\nprint(1)\nPY\n", RunInstruction.class);
        assertThat(complex.shellScript()).isEqualTo("python3 <<PY > /out\nprint(1)\nPY");
        assertThatThrownBy(() -> parse("RUN [\"ls\"]", RunInstruction.class).shellScript())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void execAndShellForms() {
        assertThat(parse("CMD [\"nginx\", \"-g\", \"daemon off;\"]", CmdInstruction.class).command())
                .isEqualTo(new CommandLine(List.of("nginx", "-g", "daemon off;"), false));
        CommandLine shell = parse("ENTRYPOINT exec java -jar app.jar", EntrypointInstruction.class).command();
        assertThat(shell.shellForm()).isTrue();
        assertThat(shell.argv(List.of("/bin/sh", "-c"))).containsExactly("/bin/sh", "-c", "exec java -jar app.jar");
        assertThat(parse("SHELL [\"bash\", \"-eo\", \"pipefail\", \"-c\"]", ShellInstruction.class).shell())
                .containsExactly("bash", "-eo", "pipefail", "-c");
        fails("SHELL bash -c", "SHELL requires the arguments to be in JSON form");
    }

    @Test
    void envLabelArg() {
        assertThat(parse("ENV A=1 B=\"two words\"", EnvInstruction.class).variables()).containsExactly(
                new KeyValue("A", "1", false), new KeyValue("B", "\"two words\"", false));
        assertThat(parse("ENV A one two", EnvInstruction.class).variables()).containsExactly(
                new KeyValue("A", "one two", true));
        assertThat(parse("LABEL org.opencontainers.image.title=hoist version=1", LabelInstruction.class).labels())
                .hasSize(2);
        assertThat(parse("ARG A B=2 C=\"x y\"", ArgInstruction.class).args()).containsExactly(
                new ArgDeclaration("A", Optional.empty()), new ArgDeclaration("B", Optional.of("2")),
                new ArgDeclaration("C", Optional.of("\"x y\"")));
        fails("ENV", "ENV requires at least one argument");
        fails("ARG", "ARG requires at least one argument");
        fails("LABEL --x=1 a=b", "unknown flag: --x for LABEL (it takes no flags)");
    }

    @Test
    void singleArgumentInstructions() {
        assertThat(parse("USER app:app", UserInstruction.class).user()).isEqualTo("app:app");
        assertThat(parse("WORKDIR /srv/app", WorkdirInstruction.class).path()).isEqualTo("/srv/app");
        assertThat(parse("STOPSIGNAL SIGTERM", StopSignalInstruction.class).signal()).isEqualTo("SIGTERM");
        assertThat(parse("MAINTAINER someone", MaintainerInstruction.class).name()).isEqualTo("someone");
        assertThat(parse("EXPOSE 80 443/tcp 53/udp 8000-8010", ExposeInstruction.class).ports())
                .containsExactly("80", "443/tcp", "53/udp", "8000-8010");
        assertThat(parse("VOLUME [\"/data\", \"/logs\"]", VolumeInstruction.class).paths()).containsExactly("/data", "/logs");
        assertThat(parse("VOLUME /a /b", VolumeInstruction.class).paths()).containsExactly("/a", "/b");
        fails("WORKDIR", "WORKDIR requires exactly one argument");
        fails("EXPOSE", "EXPOSE requires at least one argument");
        fails("VOLUME [\"\"]", "VOLUME specified can not be an empty string");
    }

    @Test
    void copyAndAddFlags() {
        CopyInstruction c = parse("COPY --from=build --chown=1000:1000 --chmod=0755 --link --parents "
                + "--exclude=*.md --exclude=docs a b /dst/", CopyInstruction.class);
        assertThat(c.sources()).containsExactly("a", "b");
        assertThat(c.destination()).isEqualTo("/dst/");
        assertThat(c.from()).contains("build");
        assertThat(c.chown()).contains("1000:1000");
        assertThat(c.chmod()).contains("0755");
        assertThat(c.link()).isTrue();
        assertThat(c.parents()).isTrue();
        assertThat(c.excludes()).containsExactly("*.md", "docs");
        AddInstruction a = parse("ADD --checksum=sha256:abc --keep-git-dir=true --link=false "
                + "https://example.com/x.tar.gz /opt/", AddInstruction.class);
        assertThat(a.checksum()).contains("sha256:abc");
        assertThat(a.keepGitDir()).isTrue();
        assertThat(a.link()).isFalse();
        assertThat(a.unpack()).isEmpty();
        fails("COPY --link=maybe a b", "expecting boolean value for flag --link, not: maybe");
        fails("COPY --from=a --from=b x y", "duplicate flag specified: --from");
        fails("COPY --chmod=rwx a b", "invalid chmod parameter \"rwx\": use an octal mode such as 0755 or a symbolic one such as u+x");
        fails("ADD --checksum=sha256:abc local.txt /x", "checksum can't be specified for non-HTTP(S) sources: local.txt");
        fails("COPY --keep-git-dir a b", "unknown flag: --keep-git-dir for COPY (known: --from, --chown, --chmod, --link, --parents, --exclude)");
    }

    @Test
    void copyHeredocSources() {
        CopyInstruction c = parse("COPY <<-EOF script.sh /app/\n\techo hi\n\tEOF\n", CopyInstruction.class);
        assertThat(c.sources()).containsExactly("script.sh");
        assertThat(c.contents()).containsExactly(new SourceContent("EOF", "echo hi\n", true));
    }

    @Test
    void onbuild() {
        OnbuildInstruction o = parse("ONBUILD COPY --chown=app . /src", OnbuildInstruction.class);
        assertThat(o.trigger()).isInstanceOf(CopyInstruction.class);
        assertThat(o.expression()).isEqualTo("COPY --chown=app . /src");
        OnbuildInstruction h = parse("ONBUILD RUN <<EOF\nls\nEOF\n", OnbuildInstruction.class);
        assertThat(((RunInstruction) h.trigger()).heredocs()).hasSize(1);
        assertThat(h.expression()).isEqualTo("RUN <<EOF\nls\nEOF");
        fails("ONBUILD FROM x", "FROM isn't allowed as an ONBUILD trigger");
        fails("ONBUILD MAINTAINER x", "MAINTAINER isn't allowed as an ONBUILD trigger");
        fails("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        fails("ONBUILD", "ONBUILD requires at least one argument");
    }

    @Test
    void healthcheck() {
        HealthcheckInstruction h = parse("HEALTHCHECK --interval=30s --timeout=1m30s --start-period=1.5s "
                + "--start-interval=500ms --retries=3 CMD [\"curl\", \"-f\", \"http://localhost\"]", HealthcheckInstruction.class);
        HealthConfig c = h.config().orElseThrow();
        assertThat(c.test()).containsExactly("CMD", "curl", "-f", "http://localhost");
        assertThat(c.interval()).contains(Duration.ofSeconds(30));
        assertThat(c.timeout()).contains(Duration.ofSeconds(90));
        assertThat(c.startPeriod()).contains(Duration.ofMillis(1500));
        assertThat(c.startInterval()).contains(Duration.ofMillis(500));
        assertThat(c.retries()).contains(3);
        assertThat(parse("HEALTHCHECK CMD curl -f localhost", HealthcheckInstruction.class).config().orElseThrow().test())
                .containsExactly("CMD-SHELL", "curl -f localhost");
        assertThat(parse("HEALTHCHECK NONE", HealthcheckInstruction.class).config()).isEmpty();
        fails("HEALTHCHECK NONE x", "HEALTHCHECK NONE takes no arguments");
        fails("HEALTHCHECK CONNECT tcp", "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)");
        fails("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD");
        fails("HEALTHCHECK --retries=-1 CMD x", "--retries cannot be negative (-1)");
        fails("HEALTHCHECK --interval=1us CMD x", "Interval \"interval\" cannot be less than 1ms");
        fails("HEALTHCHECK --interval=soon CMD x", "time: invalid duration \"soon\"");
    }
}
