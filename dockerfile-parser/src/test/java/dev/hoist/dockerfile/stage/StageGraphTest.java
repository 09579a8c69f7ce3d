package dev.hoist.dockerfile.stage;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.DockerfileParser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageGraphTest {

    private static final String MULTI = String.join("\n",
            "ARG GO=1.22",
            "FROM golang:${GO} AS deps",
            "RUN go mod download",
            "FROM deps AS build",
            "RUN --mount=type=cache,target=/c,from=tools go build",
            "FROM alpine AS tools",
            "FROM build AS test",
            "RUN go test",
            "FROM scratch AS final",
            "COPY --from=build /out /",
            "COPY --from=2 /bin/sh /sh",
            "COPY --from=nginx:1.25 /etc/nginx /etc/nginx",
            "");

    @Test
    void dependenciesAndTargets() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", MULTI);
        StageGraph g = StageGraph.of(df);
        assertThat(g.dependenciesOf(1)).containsExactly(0, 2);
        assertThat(g.dependenciesOf(4)).containsExactlyInAnyOrder(1, 2);
        assertThat(g.requiredFor("final")).extracting(Stage::displayName).containsExactly("deps", "tools", "build", "final");
        assertThat(g.requiredFor("tools")).extracting(Stage::displayName).containsExactly("tools");
        assertThat(g.requiredFor("3")).extracting(Stage::displayName).containsExactly("deps", "tools", "build", "test");
        assertThat(g.imageReferences()).extracting(StageGraph.Reference::reference)
                .containsExactly("golang:1.22", "alpine", "nginx:1.25");
        assertThat(StageGraph.of(df, new BuildArgs(Map.of("GO", "1.21"), PlatformArgs.host())).imageReferences().get(0)
                .reference()).isEqualTo("golang:1.21");
    }

    @Test
    void unknownTarget() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", MULTI);
        assertThatThrownBy(() -> StageGraph.of(df).requiredFor("prod"))
                .isInstanceOf(DockerfileException.class)
                .hasMessageContaining("target stage \"prod\" could not be found (stages: deps, build, tools, test, final)");
    }

    @Test
    void stageIndexOutOfRange() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", "FROM a\nFROM b\nCOPY --from=5 /x /y\n");
        assertThatThrownBy(() -> StageGraph.of(df))
                .hasMessage("Dockerfile:3:1: COPY --from=5 names no stage: the file has 2 stage(s), numbered from 0");
    }

    @Test
    void nearMissStageNameIsAnError() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", "FROM a AS build\nFROM b\nCOPY --from=biuld /x /y\n");
        assertThatThrownBy(() -> StageGraph.of(df)).hasMessageStartingWith(
                "Dockerfile:3:1: COPY --from=biuld: no stage named \"biuld\" (did you mean build?");
        Dockerfile image = DockerfileParser.parse("Dockerfile", "FROM a AS build\nFROM b\nCOPY --from=biuld:1 /x /y\n");
        assertThat(StageGraph.of(image).imageReferences()).extracting(StageGraph.Reference::reference)
                .containsExactly("a", "b", "biuld:1");
    }

    @Test
    void cyclesAreErrors() {
        Dockerfile df = DockerfileParser.parse("Dockerfile",
                "FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\nCOPY --from=one /y /y\n");
        assertThatThrownBy(() -> StageGraph.of(df))
                .isInstanceOf(DockerfileException.class)
                .hasMessageContaining("circular dependency between stages: one -> two -> one");
        Dockerfile self = DockerfileParser.parse("Dockerfile", "FROM a AS me\nCOPY --from=me /x /x\n");
        assertThatThrownBy(() -> StageGraph.of(self)).hasMessage("Dockerfile:2:1: circular dependency between stages: me -> me");
    }

    @Test
    void fromLaterStageNameIsAnImage() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", "FROM later\nFROM alpine AS later\n");
        assertThat(StageGraph.of(df).dependenciesOf(0)).isEmpty();
    }
}
