package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.SourceRange;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One instruction as the line parser sees it, before it is given a type: the keyword, its {@code --flags}, its
 * arguments split the way BuildKit splits that keyword, and any heredocs. ENV and LABEL arguments come in
 * triples (key, value, separator), where the separator is {@code "="} or {@code ""} for the legacy
 * {@code KEY value} form.
 *
 * @param keyword the instruction word as written, e.g. {@code RUN} or {@code copy}
 * @param flags the leading flags, without quotes, e.g. {@code --from=build}
 * @param args the arguments
 * @param child for ONBUILD, the instruction it carries
 * @param json whether the arguments came from the JSON (exec) form
 * @param original the logical line after continuations were joined
 * @param heredocs the heredocs whose markers are on this line
 * @param range where the instruction is, heredoc bodies included
 */
public record Node(String keyword, List<String> flags, List<String> args, Optional<Node> child, boolean json,
                   String original, List<Heredoc> heredocs, SourceRange range) {

    public Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
    }

    /** The keyword in lower case, e.g. {@code run}. */
    public String command() {
        return keyword.toLowerCase(Locale.ROOT);
    }

    Node withHeredocs(List<Heredoc> docs, SourceRange newRange) {
        return new Node(keyword, flags, args, child.map(c -> c.withRange(newRange)), json, original, docs, newRange);
    }

    Node withRange(SourceRange newRange) {
        return new Node(keyword, flags, args, child.map(c -> c.withRange(newRange)), json, original, heredocs, newRange);
    }
}
