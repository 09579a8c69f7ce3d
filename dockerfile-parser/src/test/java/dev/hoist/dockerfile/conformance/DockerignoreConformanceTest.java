package dev.hoist.dockerfile.conformance;

import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.ignore.IgnoreFileReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** moby/patternmatcher's tables, run against {@link DockerIgnore}. */
class DockerignoreConformanceTest {

    private static Path dir() {
        return ConformanceDir.require("dockerignore");
    }

    /** "error" when building or matching fails, else the match result. */
    private static String outcome(List<String> patterns, String path) {
        try {
            return String.valueOf(DockerIgnore.of(patterns).matches(path));
        } catch (IllegalArgumentException e) {
            return "error";
        }
    }

    @TestFactory
    Stream<DynamicTest> singlePatternMatches() throws IOException {
        List<String[]> rows = BuildkitParserConformanceTest.tsv(dir().resolve("matches.tsv"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(68);
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0] + " ~ " + r[1], () ->
                assertThat(outcome(List.of(r[0]), r[1])).isEqualTo(r[2])));
    }

    @TestFactory
    Stream<DynamicTest> filepathMatch() throws IOException {
        List<String[]> rows = BuildkitParserConformanceTest.tsv(dir().resolve("filepath-match.tsv"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(54);
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0] + " ~ " + r[1], () ->
                assertThat(outcome(List.of(r[0]), r[1])).isEqualTo(r[2])));
    }

    @TestFactory
    Stream<DynamicTest> multiPattern() throws IOException {
        List<String[]> rows = BuildkitParserConformanceTest.tsv(dir().resolve("multi-pattern.tsv"));
        return rows.stream().map(r -> DynamicTest.dynamicTest(String.join(" ", r), () -> {
            List<String> patterns = Arrays.asList(r).subList(2, r.length);
            assertThat(outcome(patterns, r[0])).isEqualTo(r[1]);
        }));
    }

    @Test
    void readAll() throws IOException {
        String input = Files.readString(dir().resolve("readall-input.dockerignore"), StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>(Files.readAllLines(dir().resolve("readall-expected.txt"), StandardCharsets.UTF_8));
        assertThat(IgnoreFileReader.read(input).stream().map(IgnoreFileReader.Line::pattern).collect(Collectors.toList()))
                .isEqualTo(expected);
    }
}
