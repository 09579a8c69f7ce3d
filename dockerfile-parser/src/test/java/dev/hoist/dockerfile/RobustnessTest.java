package dev.hoist.dockerfile;

import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.expand.ExpansionException;
import dev.hoist.dockerfile.expand.ShellLexer;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.lint.Linter;
import dev.hoist.dockerfile.render.DockerfileModel;
import dev.hoist.dockerfile.stage.StageGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random inputs built from Dockerfile syntax: whatever the text, the only failure allowed is a
 * {@link DockerfileException} (or {@link ExpansionException} / {@link IllegalArgumentException} from the
 * lower-level APIs that document them). The seed is fixed, so the run is the same every time.
 */
class RobustnessTest {

    private static final String[] PIECES = {"FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "ARG ", "LABEL ", "ONBUILD ",
            "HEALTHCHECK ", "CMD ", "SHELL ", "EXPOSE ", "VOLUME ", "WORKDIR ", "USER ", "alpine", " AS ", "x", "=",
            "\"", "'", "\\", "`", "$", "${", "}", "[", "]", ",", "<<", "<<-", "EOF", "\n", "\r\n", "\t", " ", "#",
            "# escape=`\n", "--from=", "--mount=type=cache,target=/x", "--", "/", "*", "**", "!", "?", "-", ":-",
            ":?", "#", "%", "//", "é", "\uFEFF", "0", "1"};

    private static String randomText(Random r, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    @Test
    void parserNeverFailsWithAnythingButDockerfileException() {
        Random r = new Random(20261123L);
        int parsed = 0;
        for (int n = 0; n < 3000; n++) {
            String text = (n % 2 == 0 ? "FROM a AS s" + n + "\n" : "") + randomText(r, 5 + r.nextInt(40));
            try {
                Dockerfile df = DockerfileParser.parse("Dockerfile", text);
                Linter.lint(df);
                DockerfileModel.toMap(df);
                StageGraph.of(df).requiredFor(df.lastStage());
                parsed++;
            } catch (DockerfileException expected) {
                assertThat(expected.getMessage()).startsWith("Dockerfile:").doesNotContain("\n");
            }
        }
        assertThat(parsed).isGreaterThan(50);
    }

    @Test
    void lexerAndIgnoreNeverCrash() {
        Random r = new Random(7L);
        ShellLexer lexer = new ShellLexer('\\');
        for (int n = 0; n < 3000; n++) {
            String word = randomText(r, 1 + r.nextInt(12));
            try {
                lexer.process(word, EnvLookup.of(Map.of("x", "v")));
            } catch (ExpansionException expected) {
                assertThat(expected.getMessage()).startsWith("failed to process");
            }
            try {
                DockerIgnore.of(List.of(word)).matches("a/b/x");
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
