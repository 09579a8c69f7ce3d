package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.parse.AstParser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionExpanderTest {

    private static final InstructionExpander EXPANDER = new InstructionExpander("Dockerfile", '\\');
    private static final EnvLookup ENV = EnvLookup.of(Map.of("V", "1.2", "DIR", "/srv", "PORTS", "80 443", "U", "app"));

    private static Instruction parse(String line) {
        return new InstructionParser("Dockerfile").parse(AstParser.parse("Dockerfile", line).nodes().get(0));
    }

    private static Instruction expand(String line) {
        return EXPANDER.expand(parse(line), ENV).instruction();
    }

    @Test
    void expandingInstructions() {
        CopyInstruction c = (CopyInstruction) expand("COPY --chown=$U --from=img:$V app-${V}.jar $DIR/x");
        assertThat(c.sources()).containsExactly("app-1.2.jar");
        assertThat(c.destination()).isEqualTo("/srv/x");
        CopyInstruction json = (CopyInstruction) expand("COPY [\"my $V.txt\", \"$DIR/x y/\"]");
        assertThat(json.sources()).containsExactly("my 1.2.txt");
        assertThat(json.destination()).isEqualTo("/srv/x y/");
        assertThat(c.chown()).contains("app");
        assertThat(c.from()).contains("img:1.2");
        assertThat(((WorkdirInstruction) expand("WORKDIR $DIR/app")).path()).isEqualTo("/srv/app");
        assertThat(((UserInstruction) expand("USER ${U}")).user()).isEqualTo("app");
        assertThat(((ExposeInstruction) expand("EXPOSE $PORTS 9000/udp")).ports()).containsExactly("80", "443", "9000/udp");
        assertThat(((LabelInstruction) expand("LABEL version=\"$V\"")).labels())
                .containsExactly(new KeyValue("version", "1.2", false));
        assertThat(((FromInstruction) expand("FROM --platform=$P alpine:${V}")).image()).isEqualTo("alpine:1.2");
        assertThat(((ArgInstruction) expand("ARG X=${V}-rc")).args().get(0).defaultValue()).contains("1.2-rc");
        RunInstruction r = (RunInstruction) expand("RUN --mount=type=cache,target=$DIR/cache echo $V");
        assertThat(r.mounts().get(0).target()).contains("/srv/cache");
        assertThat(r.command().args()).containsExactly("echo $V");
    }

    @Test
    void envSeesEarlierPairsOnTheSameLine() {
        EnvInstruction e = (EnvInstruction) expand("ENV A=$V B=${A}-x");
        assertThat(e.variables()).containsExactly(new KeyValue("A", "1.2", false), new KeyValue("B", "1.2-x", false));
    }

    @Test
    void shellCommandsAreNotExpanded() {
        Instruction cmd = parse("CMD echo $V");
        assertThat(InstructionExpander.expands(cmd)).isFalse();
        assertThat(EXPANDER.expand(cmd, ENV).instruction()).isSameAs(cmd);
        assertThat(InstructionExpander.expands(parse("HEALTHCHECK CMD x"))).isFalse();
        assertThat(InstructionExpander.expands(parse("ENV a=b"))).isTrue();
    }

    @Test
    void heredocBodiesExpandUnlessNameQuoted() {
        CopyInstruction c = (CopyInstruction) expand("COPY <<A <<'B' /d/\nv=\"$V\"\nA\nv=$V\nB\n");
        assertThat(c.contents()).containsExactly(new SourceContent("A", "v=\"1.2\"\n", true),
                new SourceContent("B", "v=$V\n", false));
    }

    @Test
    void failuresInHeredocBodiesStayOnOneLine() {
        assertThatThrownBy(() -> EXPANDER.expand(parse("COPY <<EOF /x\na\n${NOPE:?}\nEOF\n"), ENV))
                .hasMessage("Dockerfile:1:1: failed to process \"a\\n${NOPE:?}\\n\": NOPE: is not allowed to be unset");
    }

    @Test
    void reportsUnmatchedNamesAndFailures() {
        ExpandedInstruction e = EXPANDER.expand(parse("WORKDIR $DIR/$MISSING"), ENV);
        assertThat(e.unmatched()).containsExactly("MISSING");
        assertThat(e.matched()).containsExactly("DIR");
        assertThatThrownBy(() -> EXPANDER.expand(parse("WORKDIR ${MISSING:?must be set}"), ENV))
                .isInstanceOf(DockerfileException.class)
                .hasMessageEndingWith("MISSING: must be set")
                .hasMessageStartingWith("Dockerfile:1:1: ");
    }
}
