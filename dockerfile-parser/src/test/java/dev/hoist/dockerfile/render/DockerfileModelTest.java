package dev.hoist.dockerfile.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.stage.BuildArgs;
import dev.hoist.dockerfile.stage.PlatformArgs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileModelTest {

    private static final String TEXT = String.join("\n",
            "# syntax=docker/dockerfile:1",
            "ARG VERSION=1.0",
            "FROM alpine:${VERSION} AS build",
            "ARG VERSION",
            "ENV APP=/opt/app-${VERSION}",
            "WORKDIR $APP",
            "RUN --mount=type=cache,target=/root/.cache <<EOF",
            "echo \"$APP\"",
            "EOF",
            "HEALTHCHECK --interval=30s CMD curl -f http://localhost/",
            "FROM scratch",
            "COPY --from=build --chmod=0755 $APP/bin /bin",
            "CMD [\"/bin/app\"]",
            "");

    @Test
    void jsonRoundTripsThroughJackson() throws Exception {
        Dockerfile df = DockerfileParser.parse("Dockerfile", TEXT);
        String json = DockerfileModel.toJson(df, new BuildArgs(Map.of("VERSION", "2.0"), new PlatformArgs("linux/amd64", "linux/amd64")));
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("file").asText()).isEqualTo("Dockerfile");
        assertThat(root.get("directives").get(0).get("value").asText()).isEqualTo("docker/dockerfile:1");
        JsonNode build = root.get("stages").get(0);
        assertThat(build.get("name").asText()).isEqualTo("build");
        assertThat(build.get("from").get("expanded").get("image").asText()).isEqualTo("alpine:2.0");
        assertThat(build.get("startLine").asInt()).isEqualTo(3);
        JsonNode ins = build.get("instructions");
        assertThat(ins.get(1).get("expanded").get("variables").get(0).get("value").asText()).isEqualTo("/opt/app-2.0");
        assertThat(ins.get(2).get("expanded").get("path").asText()).isEqualTo("/opt/app-2.0");
        JsonNode run = ins.get(3);
        assertThat(run.get("keyword").asText()).isEqualTo("RUN");
        assertThat(run.get("startLine").asInt()).isEqualTo(7);
        assertThat(run.get("endLine").asInt()).isEqualTo(9);
        assertThat(run.get("mounts").get(0).get("type").asText()).isEqualTo("cache");
        assertThat(run.get("heredocs").get(0).get("content").asText()).isEqualTo("echo \"$APP\"\n");
        assertThat(run.get("command").get("shellForm").asBoolean()).isTrue();
        assertThat(ins.get(4).get("config").get("interval").asText()).isEqualTo("30s");
        assertThat(ins.get(4).has("expanded")).isFalse();
        JsonNode fin = root.get("stages").get(1);
        assertThat(fin.get("dependsOn").get(0).asInt()).isEqualTo(0);
        assertThat(fin.get("instructions").get(0).get("from").asText()).isEqualTo("build");
        assertThat(root.get("warnings").isArray()).isTrue();
    }

    @Test
    void writerEscapes() {
        assertThat(JsonWriter.write(Map.of("a\"b", List.of("x\ny", 1, true, "\u0001"))))
                .isEqualTo("{\n  \"a\\\"b\": [\n    \"x\\ny\",\n    1,\n    true,\n    \"\\u0001\"\n  ]\n}\n");
        assertThat(JsonWriter.write(List.of())).isEqualTo("[]\n");
    }
}
