package dev.hoist.dockerfile.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.DockerfileWarning;
import dev.hoist.dockerfile.parse.Ast;
import dev.hoist.dockerfile.parse.AstDump;
import dev.hoist.dockerfile.parse.AstParser;
import dev.hoist.dockerfile.parse.Directive;
import dev.hoist.dockerfile.parse.DirectiveParser;
import dev.hoist.dockerfile.parse.Heredoc;
import dev.hoist.dockerfile.parse.HeredocSyntax;
import dev.hoist.dockerfile.parse.JsonArray;
import dev.hoist.dockerfile.parse.Node;
import dev.hoist.dockerfile.parse.WordSplitter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BuildKit's own parser cases, run against our line parser. */
class BuildkitParserConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir() {
        return ConformanceDir.require("buildkit-parser");
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> positiveCasesDumpExactly() throws IOException {
        Path root = dir().resolve("testfiles");
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(33);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Ast ast = AstParser.parse("Dockerfile", read(c.resolve("Dockerfile")));
            assertThat(AstDump.dump(ast)).isEqualTo(read(c.resolve("result")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> negativeCasesFail() throws IOException {
        Path root = dir().resolve("testfiles-negative");
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        assertThat(cases).hasSize(4);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            String text = read(c.resolve("Dockerfile"));
            assertThatThrownBy(() -> AstParser.parse("Dockerfile", text))
                    .isInstanceOf(DockerfileException.class)
                    .hasMessageStartingWith("Dockerfile:");
        }));
    }

    @Test
    void lineNumbers() throws IOException {
        Path c = dir().resolve("testfile-line");
        Ast ast = AstParser.parse("Dockerfile", read(c.resolve("Dockerfile")));
        JsonNode expected = JSON.readTree(c.resolve("expected-lines.json").toFile());
        List<Node> nodes = ast.nodes();
        assertThat(nodes.get(0).range().startLine()).isEqualTo(expected.get("root").get("startLine").asInt());
        assertThat(nodes.get(nodes.size() - 1).range().endLine()).isEqualTo(expected.get("root").get("endLine").asInt());
        JsonNode children = expected.get("children");
        assertThat(nodes).hasSize(children.size());
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(nodes.get(i).range().startLine()).as("start of %d", i).isEqualTo(children.get(i).get("startLine").asInt());
            assertThat(nodes.get(i).range().endLine()).as("end of %d", i).isEqualTo(children.get(i).get("endLine").asInt());
        }
    }

    @Test
    void extractHeredocs() throws IOException {
        Path h = dir().resolve("heredoc");
        JsonNode expected = JSON.readTree(h.resolve("extract-heredocs.expected.json").toFile());
        Ast ast = AstParser.parse("Dockerfile", read(h.resolve(expected.get("dockerfile").asText())));
        int first = expected.get("firstChildIndex").asInt();
        JsonNode per = expected.get("expectedHeredocsPerInstruction");
        assertThat(ast.nodes()).hasSize(per.size() + first);
        for (int i = first; i < ast.nodes().size(); i++) {
            JsonNode want = per.get(i - first);
            List<Heredoc> got = ast.nodes().get(i).heredocs();
            if (want.isNull()) {
                assertThat(got).as("instruction %d", i).isEmpty();
                continue;
            }
            assertThat(got).as("instruction %d", i).hasSize(want.size());
            for (int j = 0; j < want.size(); j++) {
                JsonNode w = want.get(j);
                Heredoc d = got.get(j);
                assertThat(d.name()).isEqualTo(w.get("name").asText());
                assertThat(d.content()).isEqualTo(w.get("content").asText());
                assertThat(d.expand()).as("expand of %s", d.name()).isEqualTo(w.get("expand").asBoolean());
                assertThat(d.chomp()).isEqualTo(w.get("chomp").asBoolean());
                assertThat(d.fileDescriptor()).isEqualTo(w.get("fileDescriptor").asInt());
            }
        }
    }

    @Test
    void jsonFormIsNeverHeredoc() throws IOException {
        Path h = dir().resolve("heredoc");
        JsonNode expected = JSON.readTree(h.resolve("json-not-heredoc.expected.json").toFile());
        Ast ast = AstParser.parse("Dockerfile", read(h.resolve(expected.get("dockerfile").asText())));
        for (JsonNode i : expected.get("instructionsWithoutHeredocs")) {
            assertThat(ast.nodes().get(i.asInt()).heredocs()).isEmpty();
            assertThat(ast.nodes().get(i.asInt()).json()).isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> heredocTokens() throws IOException {
        List<String[]> rows = tsv(dir().resolve("heredoc/parse-heredoc-token.tsv"));
        assertThat(rows).isNotEmpty();
        return rows.stream().map(r -> DynamicTest.dynamicTest("token [" + r[0] + "]", () -> {
            String token = r[0];
            String want = r[1];
            if (want.equals("error")) {
                assertThatThrownBy(() -> HeredocSyntax.parseMarker(token)).isInstanceOf(IllegalArgumentException.class);
            } else if (want.equals("not-heredoc")) {
                assertThat(HeredocSyntax.parseMarker(token)).isEmpty();
            } else {
                assertThat(HeredocSyntax.parseMarker(token)).map(Heredoc::name).contains(want);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> heredocsFromLine() throws IOException {
        List<String[]> rows = tsv(dir().resolve("heredoc/heredocs-from-line.tsv"));
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            List<String> want = r.length < 2 || r[1].isEmpty() ? List.of() : List.of(r[1].split(","));
            assertThat(HeredocSyntax.fromLine(r[0]).stream().map(Heredoc::name)).containsExactlyElementsOf(want);
        }));
    }

    @Test
    void chomp() throws IOException {
        JsonNode c = JSON.readTree(dir().resolve("heredoc/chomp.json").toFile());
        assertThat(Heredoc.chomp(c.get("input").asText())).isEqualTo(c.get("expected").asText());
    }

    @TestFactory
    Stream<DynamicTest> directivesParseAll() throws IOException {
        JsonNode all = JSON.readTree(dir().resolve("directives.json").toFile()).get("parseAll");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all) {
            tests.add(DynamicTest.dynamicTest(c.get("input").asText(), () -> {
                List<Directive> got = DirectiveParser.parseAll(c.get("input").asText());
                JsonNode want = c.get("expected");
                assertThat(got).hasSize(want.size());
                for (int i = 0; i < want.size(); i++) {
                    assertThat(got.get(i).name()).isEqualTo(want.get(i).get("name").asText());
                    assertThat(got.get(i).value()).isEqualTo(want.get(i).get("value").asText());
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> detectSyntaxAndCheck() throws IOException {
        JsonNode root = JSON.readTree(dir().resolve("directives.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] kind : new String[][] {{"detectSyntax", "syntax", "ref"}, {"parseDirectiveCheck", "check", "value"}}) {
            for (JsonNode c : root.get(kind[0])) {
                tests.add(DynamicTest.dynamicTest(kind[1] + ": " + c.get("input").asText(), () -> {
                    Optional<Directive> got = DirectiveParser.detect(kind[1], c.get("input").asText());
                    assertThat(got.isPresent()).isEqualTo(c.get("ok").asBoolean());
                    String cmdline = got.map(Directive::value).orElse("");
                    String first = cmdline.isBlank() ? "" : cmdline.strip().split("\\s+")[0];
                    if (c.has(kind[2])) {
                        assertThat(first).isEqualTo(c.get(kind[2]).asText());
                    }
                    if (c.has("cmdline")) {
                        assertThat(cmdline).isEqualTo(c.get("cmdline").asText());
                    }
                    if (c.has("line")) {
                        assertThat(got.map(Directive::line)).contains(c.get("line").asInt());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> jsonStringArrays() throws IOException {
        JsonNode root = JSON.readTree(dir().resolve("json-string-arrays.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("valid")) {
            tests.add(DynamicTest.dynamicTest("valid " + c.get("input").asText(), () -> {
                List<String> want = new ArrayList<>();
                c.get("expected").forEach(e -> want.add(e.asText()));
                assertThat(JsonArray.parse(c.get("input").asText())).contains(want);
            }));
        }
        for (JsonNode c : root.get("invalidNotStringArray")) {
            tests.add(DynamicTest.dynamicTest("not strings " + c.asText(), () ->
                    assertThatThrownBy(() -> JsonArray.parse(c.asText())).hasMessageContaining("strings only")));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> parseWords() throws IOException {
        JsonNode root = JSON.readTree(dir().resolve("parse-words.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root) {
            tests.add(DynamicTest.dynamicTest(c.get("input").asText(), () -> {
                List<String> want = new ArrayList<>();
                c.get("expected").forEach(e -> want.add(e.asText()));
                assertThat(WordSplitter.split(c.get("input").asText(), '\\')).isEqualTo(want);
            }));
        }
        return tests.stream();
    }

    @Test
    void emptyContinuationWarnings() throws IOException {
        JsonNode w = JSON.readTree(dir().resolve("warnings.json").toFile()).get("emptyContinuationWarnings");
        Ast ast = AstParser.parse("Dockerfile", w.get("dockerfile").asText());
        List<DockerfileWarning> warnings = ast.warnings();
        assertThat(warnings).hasSize(w.get("expectedWarningCount").asInt());
        for (int i = 0; i < warnings.size(); i++) {
            JsonNode want = w.get("warnings").get(i);
            for (JsonNode s : want.get("shortContains")) {
                assertThat(warnings.get(i).message()).contains(s.asText());
            }
            String message = warnings.get(i).message();
            Optional.ofNullable(want.get("detailContains")).ifPresent(d -> assertThat(message).contains(d.asText()));
        }
    }

    @Test
    void lineTooLong() throws IOException {
        JsonNode w = JSON.readTree(dir().resolve("warnings.json").toFile()).get("lineTooLong");
        String text = "\n\t\tFROM image\n\t\tLABEL test=" + "a".repeat(w.get("labelValueLength").asInt()) + "\n";
        assertThatThrownBy(() -> AstParser.parse("Dockerfile", text))
                .isInstanceOf(DockerfileException.class)
                .hasMessageContaining(w.get("expectedError").asText());
    }

    static List<String[]> tsv(Path p) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            rows.add(line.split("\t", -1));
        }
        return rows;
    }
}
