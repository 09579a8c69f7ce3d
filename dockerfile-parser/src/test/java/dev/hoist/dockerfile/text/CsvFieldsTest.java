package dev.hoist.dockerfile.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFieldsTest {

    @Test
    void splitsOnCommasOutsideQuotes() {
        assertThat(CsvFields.split("type=cache,target=/x")).containsExactly("type=cache", "target=/x");
        assertThat(CsvFields.split("type=image,\"name=a:1,b:1\",push=true"))
                .containsExactly("type=image", "name=a:1,b:1", "push=true");
        assertThat(CsvFields.split("\"say \"\"hi\"\"\"")).containsExactly("say \"hi\"");
        assertThat(CsvFields.split("\"\"")).containsExactly("");
    }

    @Test
    void keepsEmptyFieldsAsGoDoes() {
        assertThat(CsvFields.split("a,,b")).containsExactly("a", "", "b");
        assertThat(CsvFields.split("a,")).containsExactly("a", "");
        assertThat(CsvFields.split(",a")).containsExactly("", "a");
        assertThat(CsvFields.split("")).containsExactly("");
    }

    @Test
    void refusesMisplacedQuotesAsGoDoes() {
        assertThatThrownBy(() -> CsvFields.split("name=\"a,b\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a quote inside a field; quote the whole field, as in \"key=a,b\"");
        assertThatThrownBy(() -> CsvFields.split("a, \"b\"")).hasMessageContaining("a quote inside a field");
        assertThatThrownBy(() -> CsvFields.split("\"a\"b,c")).hasMessage("text after the closing quote of a field");
        assertThatThrownBy(() -> CsvFields.split("x,\"a,b")).hasMessage("a quoted field has no closing quote");
    }
}
