package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.text.GoQuote;

import java.util.Locale;

/** Prints nodes in BuildKit's s-expression dump format, e.g. {@code (copy ["--from=a"] "x" "/y")}. */
public final class AstDump {

    private AstDump() {
    }

    /** One line per instruction, each in parentheses and followed by a newline. */
    public static String dump(Ast ast) {
        StringBuilder out = new StringBuilder();
        for (Node node : ast.nodes()) {
            out.append('(').append(dump(node)).append(")\n");
        }
        return out.toString();
    }

    /** The dump of one node, without the surrounding parentheses. */
    public static String dump(Node node) {
        StringBuilder out = new StringBuilder(node.keyword().toLowerCase(Locale.ROOT));
        if (!node.flags().isEmpty()) {
            out.append(' ').append(GoQuote.quoteList(node.flags()));
        }
        node.child().ifPresent(child -> out.append(" (").append(dump(child)).append(')'));
        for (String arg : node.args()) {
            out.append(' ').append(GoQuote.quote(arg));
        }
        return out.toString().strip();
    }
}
