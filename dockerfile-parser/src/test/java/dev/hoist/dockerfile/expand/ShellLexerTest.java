package dev.hoist.dockerfile.expand;

import dev.hoist.dockerfile.text.GoQuote;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellLexerTest {

    private static final EnvLookup ENV = EnvLookup.of(Map.of(
            "NAME", "world", "EMPTY", "", "PATHV", "/usr/local/bin/tool.tar.gz", "SP", "a  b"));
    private static final ShellLexer LEX = new ShellLexer('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "hello $NAME|hello world",
            "${NAME}s|worlds",
            "${UNSET:-dflt}|dflt",
            "${EMPTY:-dflt}|dflt",
            "${EMPTY-dflt}|",
            "${UNSET-dflt}|dflt",
            "${NAME:+alt}|alt",
            "${EMPTY:+alt}|",
            "${EMPTY+alt}|alt",
            "${UNSET+alt}|",
            "${PATHV#*/}|usr/local/bin/tool.tar.gz",
            "${PATHV##*/}|tool.tar.gz",
            "${PATHV%.*}|/usr/local/bin/tool.tar",
            "${PATHV%%.*}|/usr/local/bin/tool",
            "${PATHV/local/opt}|/usr/opt/bin/tool.tar.gz",
            "${PATHV//\\//:}|:usr:local:bin:tool.tar.gz",
            "'$NAME'|$NAME",
            "\"$NAME\"|world",
            "\\$NAME|$NAME",
            "\"a\\\"b\"|a\"b",
            "${UNSET:-${NAME:-x}}|world",
            "$1x|x",
    })
    void expandsLikeBuildKit(String input, String expected) {
        assertThat(LEX.process(input, ENV).value()).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "${}", "${NAME", "'open", "\"open", "${NAME:=x}", "${NAME:#x}", "${UNSET:?}", "${EMPTY:?}", "${UNSET?}"})
    void malformedOrFailedWordsAreErrors(String input) {
        assertThatThrownBy(() -> LEX.process(input, ENV)).isInstanceOf(ExpansionException.class)
                .hasMessageStartingWith("failed to process " + GoQuote.quote(input) + ": ");
    }

    @Test
    void requiredVariableMessage() {
        assertThatThrownBy(() -> LEX.process("${TOKEN:?set TOKEN with --build-arg}", ENV))
                .hasMessageEndingWith("TOKEN: set TOKEN with --build-arg");
    }

    @Test
    void fieldSplittingKeepsQuotedSpaces() {
        assertThat(LEX.process("x $SP \"$SP\" 'q r'", ENV).words()).containsExactly("x", "a", "b", "a  b", "q r");
    }

    @Test
    void tracksMatchedAndUnmatchedNames() {
        Expansion e = LEX.process("$NAME ${EMPTY} ${NOPE:-x} $ALSO_NOPE", ENV);
        assertThat(e.matched()).isEqualTo(Set.of("NAME", "EMPTY"));
        assertThat(e.unmatched()).isEqualTo(Set.of("NOPE", "ALSO_NOPE"));
    }

    @Test
    void backtickEscape() {
        ShellLexer lex = new ShellLexer('`');
        assertThat(lex.process("C:\\dir `$NAME", ENV).value()).isEqualTo("C:\\dir $NAME");
    }

    @Test
    void heredocOptionsKeepQuotes() {
        ShellLexer lex = new ShellLexer('\\', ShellLexer.Options.HEREDOC);
        assertThat(lex.process("echo \"$NAME\" '$NAME'\n", ENV).value()).isEqualTo("echo \"world\" 'world'\n");
    }

    @Test
    void skipUnsetKeepsReferences() {
        ShellLexer lex = new ShellLexer('\\', new ShellLexer.Options(false, false, true, false));
        assertThat(lex.process("$NAME $NOPE ${NOPE:-x}", ENV).value()).isEqualTo("world $NOPE ${NOPE:-x}");
    }

    @Test
    void lookupFallback() {
        EnvLookup first = EnvLookup.of(Map.of("A", "1"));
        EnvLookup both = first.orElse(EnvLookup.of(Map.of("A", "2", "B", "3")));
        assertThat(List.of(both.lookup("A").orElseThrow(), both.lookup("B").orElseThrow())).containsExactly("1", "3");
        assertThat(EnvLookup.empty().lookup("A")).isEmpty();
    }
}
