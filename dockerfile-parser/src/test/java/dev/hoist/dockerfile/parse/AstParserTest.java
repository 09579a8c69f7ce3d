package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.SourceRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AstParserTest {

    private static Ast parse(String text) {
        return AstParser.parse("Dockerfile", text);
    }

    private static String dump(String text) {
        return AstDump.dump(parse(text));
    }

    @Test
    void directivesOnlyBeforeFirstInstruction() {
        Ast ast = parse("# syntax=docker/dockerfile:1.7\n# check=skip=all\n# escape=`\nFROM a\n# escape=\\\nRUN x `\n  y\n");
        assertThat(ast.directives()).extracting(Directive::name).containsExactly("syntax", "check", "escape");
        assertThat(ast.directives().get(0).value()).isEqualTo("docker/dockerfile:1.7");
        assertThat(ast.escape()).isEqualTo('`');
        assertThat(ast.nodes().get(1).args()).containsExactly("x   y");
    }

    @Test
    void unknownCommentEndsDirectiveBlock() {
        Ast ast = parse("# hello=world\n# escape=`\nFROM a\nRUN x \\\n y\n");
        assertThat(ast.directives()).isEmpty();
        assertThat(ast.escape()).isEqualTo('\\');
        assertThat(ast.nodes().get(1).args()).containsExactly("x  y");
    }

    @Test
    void repeatedDirectiveIsAnError() {
        assertThatThrownBy(() -> parse("# escape=`\n# escape=\\\nFROM a\n"))
                .hasMessage("Dockerfile:2:1: only one escape parser directive can be used");
    }

    @Test
    void badEscapeTokenIsAnError() {
        assertThatThrownBy(() -> parse("# escape=x\nFROM a\n"))
                .hasMessageContaining("invalid escape token 'x'");
    }

    @Test
    void continuationsSkipCommentsAndBlankLinesAndWarnOnBlank() {
        Ast ast = parse("FROM a\nRUN one \\\n# comment\n  two \\\n\n  three\n");
        assertThat(ast.nodes().get(1).args()).containsExactly("one   two   three");
        assertThat(ast.nodes().get(1).range()).isEqualTo(new SourceRange(2, 1, 6, 7));
        assertThat(ast.warnings()).singleElement().satisfies(w -> {
            assertThat(w.rule()).isEqualTo("NoEmptyContinuation");
            assertThat(w.range().startLine()).isEqualTo(2);
        });
    }

    @Test
    void continuationAtEndOfFile() {
        assertThat(dump("FROM a\nRUN b \\")).isEqualTo("(from \"a\")\n(run \"b\")\n");
    }

    @Test
    void crlfBomAndLeadingWhitespace() {
        Ast ast = parse("\uFEFFFROM a\r\n   RUN echo \\\r\n  hi\r\n\tCMD [\"x\"]\r\n");
        assertThat(AstDump.dump(ast)).isEqualTo("(from \"a\")\n(run \"echo   hi\")\n(cmd \"x\")\n");
        assertThat(ast.nodes().get(1).range().startColumn()).isEqualTo(4);
        assertThat(ast.nodes().get(2).range().startColumn()).isEqualTo(2);
    }

    @Test
    void invalidJsonFallsBackToShellForm() {
        Ast ast = parse("FROM a\nCMD [\"a\", 'b']\nENTRYPOINT [\"x\"\n");
        assertThat(ast.nodes().get(1).json()).isFalse();
        assertThat(ast.nodes().get(1).args()).containsExactly("[\"a\", 'b']");
        assertThat(ast.nodes().get(2).args()).containsExactly("[\"x\"");
    }

    @Test
    void jsonWithNonStringsIsAnError() {
        assertThatThrownBy(() -> parse("FROM a\nCMD [\"a\", 1]\n"))
                .hasMessage("Dockerfile:2:1: " + JsonArray.NOT_STRING_ARRAY);
    }

    @Test
    void envAndLabelForms() {
        assertThat(dump("ENV a=1 b=\"x y\"\nENV c d e\nLABEL k=v\n")).isEqualTo(
                "(env \"a\" \"1\" \"=\" \"b\" \"\\\"x y\\\"\" \"=\")\n(env \"c\" \"d e\" \"\")\n(label \"k\" \"v\" \"=\")\n");
        assertThatThrownBy(() -> parse("ENV a=1 b\n")).hasMessageContaining("can't find = in \"b\"");
        assertThatThrownBy(() -> parse("ENV PATH\n")).hasMessage("Dockerfile:1:1: ENV must have two arguments");
    }

    @Test
    void flagsAreSplitOffWithQuotes() {
        Node n = parse("COPY --chown=\"a b\" --link -- --not-a-flag /x\n").nodes().get(0);
        assertThat(n.flags()).containsExactly("--chown=a b", "--link");
        assertThat(n.args()).containsExactly("--not-a-flag", "/x");
    }

    @Test
    void heredocs() {
        Ast ast = parse(String.join("\n",
                "FROM a",
                "RUN <<EOF",
                "echo $HOME",
                "EOF",
                "RUN <<-'END' python3",
                "\tprint(1)",
                "\tEND",
                "COPY <<one 3<<\"two\" /dst/",
                "1",
                "one",
                "2",
                "two",
                "USER <<NOPE",
                ""));
        List<Node> nodes = ast.nodes();
        assertThat(nodes.get(1).heredocs()).containsExactly(new Heredoc("EOF", "echo $HOME\n", true, false, 0));
        assertThat(nodes.get(1).range()).isEqualTo(new SourceRange(2, 1, 4, 3));
        Heredoc end = nodes.get(2).heredocs().get(0);
        assertThat(end).isEqualTo(new Heredoc("END", "\tprint(1)\n", false, true, 0));
        assertThat(end.chompedContent()).isEqualTo("print(1)\n");
        assertThat(nodes.get(3).heredocs()).containsExactly(new Heredoc("one", "1\n", true, false, 0),
                new Heredoc("two", "2\n", false, false, 3));
        assertThat(nodes.get(4).heredocs()).isEmpty();
        assertThat(nodes.get(4).args()).containsExactly("<<NOPE");
    }

    @Test
    void onbuildHeredocsAttachToOnbuild() {
        Node n = parse("ONBUILD RUN <<EOF\nls\nEOF\n").nodes().get(0);
        assertThat(n.child()).isPresent();
        assertThat(n.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
        assertThat(AstDump.dump(n)).isEqualTo("onbuild (run \"<<EOF\")");
    }

    @Test
    void unterminatedHeredocNamesTheInstruction() {
        assertThatThrownBy(() -> parse("FROM a\n\nRUN <<EOF\necho\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:3:1: unterminated heredoc EOF");
    }

    @Test
    void heredocInJsonFormIsText() {
        Node n = parse("RUN [\"<<EOF\"]\n").nodes().get(0);
        assertThat(n.heredocs()).isEmpty();
        assertThat(n.json()).isTrue();
    }

    @Test
    void tooLongLine() {
        assertThatThrownBy(() -> parse("FROM a\nRUN " + "x".repeat(70_000) + "\n"))
                .hasMessage("Dockerfile:2:1: dockerfile line greater than max allowed size of 65535");
    }

    @Test
    void goQuotingInDump() {
        assertThat(dump("CMD [\"\\u0000\\t\\u00e9\\u2028\"]\n")).isEqualTo("(cmd \"\\x00\\té\\u2028\")\n");
    }
}
