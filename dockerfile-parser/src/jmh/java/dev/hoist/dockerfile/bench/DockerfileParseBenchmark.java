package dev.hoist.dockerfile.bench;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.lint.Linter;
import dev.hoist.dockerfile.parse.Ast;
import dev.hoist.dockerfile.parse.AstParser;
import dev.hoist.dockerfile.stage.StageGraph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Parses a large multi-stage Dockerfile: the line parser alone, the full typed parse, and parse + graph + lint. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DockerfileParseBenchmark {

    private String text;

    @Setup
    public void load() {
        try (InputStream in = DockerfileParseBenchmark.class.getResourceAsStream("/bench/large.Dockerfile")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public Ast lineParser() {
        return AstParser.parse("Dockerfile", text);
    }

    @Benchmark
    public Dockerfile typedParse() {
        return DockerfileParser.parse("Dockerfile", text);
    }

    @Benchmark
    public List<?> parseGraphAndLint() {
        Dockerfile df = DockerfileParser.parse("Dockerfile", text);
        StageGraph.of(df).requiredFor(df.lastStage());
        return Linter.lint(df);
    }
}
