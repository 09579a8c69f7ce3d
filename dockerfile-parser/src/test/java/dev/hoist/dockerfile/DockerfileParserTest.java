package dev.hoist.dockerfile;

import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.FromInstruction;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.dockerfile.stage.Stage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerfileParserTest {

    @Test
    void unknownInstructionNamesFileLineColumnAndSuggests() {
        String text = "FROM alpine\n\n# comment\nRUN true\n\nWORKDIR /x\nCOPPY a b\n";
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", text))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:7:1: unknown instruction: COPPY (did you mean COPY?)");
    }

    @Test
    void columnIsWhereTheInstructionStarts() {
        DockerfileException e = (DockerfileException) org.assertj.core.api.Assertions.catchThrowable(
                () -> DockerfileParser.parse("build/Dockerfile.dev", "FROM a\n    RUNN x\n"));
        assertThat(e.fileName()).isEqualTo("build/Dockerfile.dev");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.getMessage()).isEqualTo("build/Dockerfile.dev:2:5: unknown instruction: RUNN (did you mean RUN?)");
    }

    @Test
    void flagErrorsPointAtTheFlag() {
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "FROM a\nCOPY --link --form=x a b\n"))
                .hasMessage("Dockerfile:2:13: unknown flag: --form for COPY (did you mean --from?)");
        String run = "FROM a\nRUN --mount=type=cache,target=/a \\\n    --mount=type=cache,tagret=/b \\\n    make\n";
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", run))
                .hasMessage("Dockerfile:3:5: unexpected key 'tagret' in 'tagret=/b' (did you mean target?)");
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "FROM a\nRUN --network=bridge x\n"))
                .hasMessage("Dockerfile:2:5: invalid value for --network: bridge (use default, none, host)");
    }

    @Test
    void unrelatedWordGetsNoSuggestion() {
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "FROM a\nXYZZYQ foo\n"))
                .hasMessage("Dockerfile:2:1: unknown instruction: XYZZYQ");
    }

    @Test
    void stagesGlobalArgsAndInstructions() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", String.join("\n",
                "# syntax=docker/dockerfile:1",
                "ARG BASE=alpine:3.19",
                "FROM ${BASE} AS Build",
                "RUN --mount=type=cache,target=/root/.cache make",
                "FROM scratch",
                "COPY --from=build /out /app",
                ""));
        assertThat(df.directive("syntax")).contains("docker/dockerfile:1");
        assertThat(df.globalArgs()).hasSize(1);
        assertThat(df.stages()).hasSize(2);
        Stage build = df.stages().get(0);
        assertThat(build.name()).contains("build");
        assertThat(build.from().image()).isEqualTo("${BASE}");
        assertThat(build.instructions()).singleElement().isInstanceOf(RunInstruction.class);
        assertThat(df.stage("BUILD")).contains(build);
        assertThat(df.stage("1")).contains(df.stages().get(1));
        assertThat(df.stage("2")).isEmpty();
        assertThat(df.lastStage().instructions()).singleElement().isInstanceOfSatisfying(CopyInstruction.class,
                c -> assertThat(c.from()).contains("build"));
        assertThat(df.instructions()).hasSize(5);
        assertThat(df.instructions().get(1)).isInstanceOf(FromInstruction.class);
    }

    @Test
    void onlyArgMayPrecedeFrom() {
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "ARG X\nRUN echo\nFROM a\n"))
                .hasMessage("Dockerfile:2:1: RUN instruction before the first FROM: only ARG may come before FROM");
    }

    @Test
    void fileWithoutFromIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "ARG X\n"))
                .hasMessageContaining("no FROM instruction");
    }

    @Test
    void emptyFileIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "# only a comment\n\n"))
                .hasMessage("Dockerfile:2:1: file with no instructions");
    }

    @Test
    void duplicateStageNames() {
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "FROM a AS x\nFROM b AS X\n"))
                .hasMessage("Dockerfile:2:1: duplicate stage name \"x\" (first defined on line 1)");
    }

    @Test
    void readsFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("Containerfile");
        Files.writeString(file, "FROM busybox\nCMD [\"sh\"]\n");
        Dockerfile df = DockerfileParser.parse(file);
        assertThat(df.fileName()).isEqualTo(file.toString());
        assertThat(df.stages()).hasSize(1);
    }
}
