package dev.hoist.dockerfile.ignore;

import dev.hoist.dockerfile.DockerfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerIgnoreTest {

    @Test
    void globsDoubleStarAndExceptions() {
        DockerIgnore ig = DockerIgnore.parse(".dockerignore", String.join("\n",
                "# comment",
                "*.log",
                "**/node_modules",
                "/build/",
                "./docs/*.md",
                "!docs/README.md",
                "secret?.txt",
                "[a-c]x"));
        assertThat(ig.matches("app.log")).isTrue();
        assertThat(ig.matches("sub/app.log")).isFalse();
        assertThat(ig.matches("node_modules/x/y.js")).isTrue();
        assertThat(ig.matches("a/b/node_modules")).isTrue();
        assertThat(ig.matches("build")).isTrue();
        assertThat(ig.matches("build/out/bin")).isTrue();
        assertThat(ig.matches("builds")).isFalse();
        assertThat(ig.matches("docs/guide.md")).isTrue();
        assertThat(ig.matches("docs/README.md")).isFalse();
        assertThat(ig.matches("secret1.txt")).isTrue();
        assertThat(ig.matches("secret12.txt")).isFalse();
        assertThat(ig.matches("bx")).isTrue();
        assertThat(ig.matches("dx")).isFalse();
        assertThat(ig.matches(".")).isFalse();
        assertThat(ig.patterns()).extracting(IgnorePattern::toString)
                .containsExactly("*.log", "**/node_modules", "build", "docs/*.md", "!docs/README.md", "secret?.txt", "[a-c]x");
    }

    @Test
    void lastMatchingPatternWins() {
        DockerIgnore ig = DockerIgnore.of(List.of("**", "!src", "src/generated"));
        assertThat(ig.matches("README")).isTrue();
        assertThat(ig.matches("src/Main.java")).isFalse();
        assertThat(ig.matches("src/generated/X.java")).isTrue();
    }

    @Test
    void directorySkipping() {
        DockerIgnore ig = DockerIgnore.of(List.of("node_modules", "target", "!target/keep.jar", "logs/**", "!**/*.important"));
        assertThat(ig.canSkipDirectory("node_modules")).isFalse();
        DockerIgnore simple = DockerIgnore.of(List.of("node_modules", "target", "!target/keep.jar"));
        assertThat(simple.canSkipDirectory("node_modules")).isTrue();
        assertThat(simple.canSkipDirectory("target")).isFalse();
        assertThat(simple.canSkipDirectory("src")).isFalse();
        assertThat(DockerIgnore.none().canSkipDirectory("x")).isFalse();
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ctx/.dockerignore", "ok\n\n[z-a]\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("ctx/.dockerignore:3:1: syntax error in pattern \"[z-a]\"");
        assertThatThrownBy(() -> DockerIgnore.of(List.of("!"))).hasMessage("illegal exclusion pattern: \"!\"");
        assertThatThrownBy(() -> DockerIgnore.of(List.of("a\\"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadPrefersDockerfileSpecificIgnore(@TempDir Path ctx) throws Exception {
        Files.writeString(ctx.resolve(".dockerignore"), "general\n");
        Path df = ctx.resolve("app.Dockerfile");
        Files.writeString(df, "FROM a\n");
        assertThat(DockerIgnore.load(ctx, Optional.of(df)).matches("general")).isTrue();
        Files.writeString(ctx.resolve("app.Dockerfile.dockerignore"), "specific\n");
        DockerIgnore ig = DockerIgnore.load(ctx, Optional.of(df));
        assertThat(ig.matches("specific")).isTrue();
        assertThat(ig.matches("general")).isFalse();
        assertThat(DockerIgnore.load(ctx.resolve("nowhere"), Optional.empty()).patterns()).isEmpty();
    }

    @Test
    void readerCleansPatterns() {
        assertThat(IgnoreFileReader.read("\uFEFF./a/../b/\n  # not a comment\n!  /c\n#c\n\n").stream()
                .map(IgnoreFileReader.Line::pattern)).containsExactly("b", "# not a comment", "!c");
    }
}
