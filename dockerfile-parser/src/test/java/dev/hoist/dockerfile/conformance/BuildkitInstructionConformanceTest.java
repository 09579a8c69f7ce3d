package dev.hoist.dockerfile.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.HealthcheckInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionParser;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.dockerfile.instruction.SourceContent;
import dev.hoist.dockerfile.parse.AstParser;
import dev.hoist.dockerfile.parse.Heredoc;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BuildKit's instruction-stage cases: error messages, COPY and RUN heredocs, HEALTHCHECK. */
class BuildkitInstructionConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir() {
        return ConformanceDir.require("buildkit-parser").resolve("instructions");
    }

    private static Instruction first(String dockerfile) {
        return new InstructionParser("Dockerfile").parse(AstParser.parse("Dockerfile", dockerfile).nodes().get(0));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> instructionErrors() throws IOException {
        JsonNode cases = JSON.readTree(dir().resolve("instruction-errors.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String df = c.get("dockerfile").asText();
            String want = c.get("error").asText();
            tests.add(DynamicTest.dynamicTest(df, () -> {
                var thrown = assertThatThrownBy(() -> first(df)).isInstanceOf(DockerfileException.class);
                thrown.hasMessageStartingWith("Dockerfile:1:");
                if (c.get("match").asText().equals("equals")) {
                    thrown.extracting(e -> ((DockerfileException) e).detail()).isEqualTo(want);
                } else {
                    thrown.hasMessageContaining(want);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> copyHeredoc() throws IOException {
        JsonNode cases = JSON.readTree(dir().resolve("copy-heredoc.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("dockerfile").asText(), () -> {
                CopyInstruction copy = (CopyInstruction) first(c.get("dockerfile").asText());
                assertThat(copy.destination()).isEqualTo(c.get("destPath").asText());
                assertThat(copy.sources()).isEqualTo(strings(c.get("sourcePaths")));
                List<SourceContent> want = new ArrayList<>();
                c.get("sourceContents").forEach(s -> want.add(new SourceContent(s.get("path").asText(),
                        s.get("data").asText(), s.get("expand").asBoolean())));
                assertThat(copy.contents()).isEqualTo(want);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> runHeredoc() throws IOException {
        JsonNode cases = JSON.readTree(dir().resolve("run-heredoc.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("dockerfile").asText(), () -> {
                RunInstruction run = (RunInstruction) first(c.get("dockerfile").asText());
                assertThat(run.command().shellForm()).isEqualTo(c.get("prependShell").asBoolean());
                assertThat(run.command().args()).isEqualTo(strings(c.get("cmdLine")));
                List<Heredoc> files = run.heredocs();
                assertThat(files).hasSize(c.get("files").size());
                for (int i = 0; i < files.size(); i++) {
                    JsonNode f = c.get("files").get(i);
                    assertThat(files.get(i).name()).isEqualTo(f.get("name").asText());
                    assertThat(files.get(i).content()).isEqualTo(f.get("data").asText());
                    assertThat(files.get(i).chomp()).isEqualTo(f.get("chomp").asBoolean());
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> healthcheck() throws IOException {
        JsonNode cases = JSON.readTree(dir().resolve("healthcheck.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("dockerfile").asText(), () -> {
                HealthcheckInstruction h = (HealthcheckInstruction) first(c.get("dockerfile").asText());
                assertThat(h.config()).isPresent();
                assertThat(h.config().get().test()).isEqualTo(strings(c.get("healthTest")));
            }));
        }
        return tests.stream();
    }
}
