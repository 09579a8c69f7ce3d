package dev.hoist.dockerfile.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.expand.Expansion;
import dev.hoist.dockerfile.expand.ExpansionException;
import dev.hoist.dockerfile.expand.ShellLexer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BuildKit's shell-expansion vectors. */
class BuildkitShellConformanceTest {

    private static final ShellLexer LEXER = new ShellLexer('\\');

    private static Path dir() {
        return ConformanceDir.require("buildkit-shell");
    }

    @TestFactory
    Stream<DynamicTest> envVarTest() throws IOException {
        Map<String, String> env = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(dir().resolve("envVarTest"), StandardCharsets.UTF_8)) {
            n++;
            if (raw.startsWith("#") || raw.trim().isEmpty()) {
                continue;
            }
            String[] f = raw.trim().split("\\|", -1);
            assertThat(f).as("line %d", n).hasSize(3);
            String platform = f[0].trim();
            String input = f[1].trim();
            String expected = f[2].trim();
            if (platform.equals("W")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(n + ": " + input, () -> {
                if (expected.equals("error")) {
                    assertThatThrownBy(() -> LEXER.process(input, EnvLookup.of(env))).isInstanceOf(ExpansionException.class);
                } else {
                    assertThat(LEXER.process(input, EnvLookup.of(env)).value()).isEqualTo(expected);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> wordsTest() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(dir().resolve("wordsTest"), StandardCharsets.UTF_8)) {
            n++;
            if (raw.startsWith("#")) {
                continue;
            }
            if (raw.startsWith("ENV ")) {
                String entry = raw.substring(4).stripLeading();
                int eq = entry.indexOf('=');
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
                continue;
            }
            String[] parts = raw.split("\\|", -1);
            assertThat(parts).as("line %d", n).hasSize(2);
            String input = parts[0].trim();
            List<String> expected = List.of(parts[1].stripLeading().split(",", -1));
            Map<String, String> snapshot = new HashMap<>(env);
            tests.add(DynamicTest.dynamicTest(n + ": " + input, () -> {
                List<String> got;
                try {
                    got = LEXER.process(input, EnvLookup.of(snapshot)).words();
                } catch (ExpansionException e) {
                    got = List.of("error");
                }
                assertThat(got).isEqualTo(expected);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> processWordWithMatches() throws IOException {
        JsonNode root = new ObjectMapper().readTree(dir().resolve("process-word.json").toFile());
        assertThat(root.get("escapeToken").asText()).isEqualTo("\\");
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.get("cases")) {
            i++;
            String input = c.get("input").asText();
            Map<String, String> env = new HashMap<>();
            c.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            boolean notGuaranteed = c.path("notGuaranteed").asBoolean(false);
            tests.add(DynamicTest.dynamicTest(i + ": " + input + " " + env, () -> {
                if (c.get("error").asBoolean()) {
                    if (notGuaranteed) {
                        try {
                            LEXER.process(input, EnvLookup.of(env));
                        } catch (ExpansionException expected) {
                            // an error is the recorded behaviour; either outcome is accepted
                        }
                        return;
                    }
                    var thrown = assertThatThrownBy(() -> LEXER.process(input, EnvLookup.of(env)))
                            .isInstanceOf(ExpansionException.class);
                    if (c.has("errorContains")) {
                        thrown.hasMessageContaining(c.get("errorContains").asText());
                    }
                    return;
                }
                Expansion got = LEXER.process(input, EnvLookup.of(env));
                assertThat(got.value()).isEqualTo(c.get("expected").asText());
                if (c.has("matched")) {
                    assertThat(got.matched()).isEqualTo(set(c.get("matched")));
                }
                if (c.has("unmatched")) {
                    assertThat(got.unmatched()).isEqualTo(set(c.get("unmatched")));
                }
            }));
        }
        return tests.stream();
    }

    private static Set<String> set(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
