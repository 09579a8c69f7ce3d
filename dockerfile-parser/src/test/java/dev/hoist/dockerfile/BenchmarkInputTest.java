package dev.hoist.dockerfile;

import dev.hoist.dockerfile.lint.Linter;
import dev.hoist.dockerfile.stage.Stage;
import dev.hoist.dockerfile.stage.StageGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The large Dockerfile the JMH benchmark parses must stay valid and keep exercising every feature. */
class BenchmarkInputTest {

    @Test
    void largeDockerfileParsesAndLintsClean() {
        Dockerfile df = DockerfileParser.parse(Path.of("src/jmh/resources/bench/large.Dockerfile"));
        assertThat(df.stages()).hasSize(26);
        assertThat(df.globalArgs()).hasSize(8);
        StageGraph graph = StageGraph.of(df);
        assertThat(graph.requiredFor("server")).extracting(Stage::displayName).containsExactly(
                "runtime-base", "xx", "golang-base", "gomod", "protoc", "tools", "generated", "source",
                "build-server", "web-deps", "web-build", "server");
        assertThat(Linter.lint(df)).extracting(w -> w.format(df.fileName())).isEmpty();
    }
}
