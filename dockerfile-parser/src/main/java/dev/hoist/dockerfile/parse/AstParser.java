package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.DockerfileWarning;
import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.text.Whitespace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The line parser: directives, comments, continuations, heredoc bodies and the splitting of each instruction into a
 * {@link Node}, following BuildKit's parser rule for rule.
 */
public final class AstParser {

    /** BuildKit's longest accepted line, in UTF-8 bytes. */
    public static final int MAX_LINE_BYTES = 65535;

    private final String fileName;
    private final String text;
    private int offset;
    private int lineNumber;
    private char escape = '\\';
    private final DirectiveParser directives = new DirectiveParser();

    private AstParser(String fileName, String text) {
        this.fileName = fileName;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Parses a whole Dockerfile.
     *
     * @throws DockerfileException for syntax errors, an unterminated heredoc or a file with no instructions
     */
    public static Ast parse(String fileName, String text) {
        return new AstParser(fileName, text).run();
    }

    /** The next physical line with its line terminator, or empty at the end. */
    private Optional<String> nextLine() {
        if (offset >= text.length()) {
            return Optional.empty();
        }
        int nl = text.indexOf('\n', offset);
        int end = nl < 0 ? text.length() : nl + 1;
        String line = text.substring(offset, end);
        offset = end;
        lineNumber++;
        if (line.length() > MAX_LINE_BYTES / 3 && trimNewline(line).getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
            throw error(lineNumber, 1, "dockerfile line greater than max allowed size of " + MAX_LINE_BYTES);
        }
        return Optional.of(line);
    }

    private Ast run() {
        List<Node> nodes = new ArrayList<>();
        List<DockerfileWarning> warnings = new ArrayList<>();
        Optional<String> raw;
        while ((raw = nextLine()).isPresent()) {
            String physical = trimNewline(raw.get());
            String token = Whitespace.trimLeading(physical);
            directive(token);
            int startLine = lineNumber;
            int startColumn = physical.length() - token.length() + 1;
            if (isComment(token)) {
                token = "";
            }
            String line = token;
            boolean endOfLine = !isContinued(line);
            if (!endOfLine) {
                line = stripContinuation(line);
            }
            if (endOfLine && line.isEmpty()) {
                continue;
            }
            StringBuilder buf = new StringBuilder(line);
            boolean emptyContinuation = false;
            String last = physical;
            while (!endOfLine && (raw = nextLine()).isPresent()) {
                String cont = trimNewline(raw.get());
                last = cont;
                directive(cont);
                if (isComment(Whitespace.trimLeading(cont))) {
                    continue;
                }
                if (Whitespace.trimLeading(cont).isEmpty()) {
                    emptyContinuation = true;
                    continue;
                }
                endOfLine = !isContinued(cont);
                buf.append(endOfLine ? cont : stripContinuation(cont));
            }
            line = buf.toString();
            SourceRange range = new SourceRange(startLine, startColumn, lineNumber, Math.max(1, last.length()));
            if (emptyContinuation) {
                warnings.add(new DockerfileWarning("NoEmptyContinuation",
                        "Empty continuation line found in: " + line
                                + " (empty continuation lines will become errors in a future release)", range));
            }
            Node node;
            try {
                node = new LineParser(escape).parse(line, range);
            } catch (SyntaxException e) {
                throw error(startLine, startColumn, e.getMessage());
            }
            if (canContainHeredoc(node) && line.contains("<<")) {
                node = readHeredocs(node, line, startLine, startColumn);
            }
            nodes.add(node);
        }
        if (nodes.isEmpty()) {
            throw error(Math.max(1, lineNumber), 1, "file with no instructions");
        }
        return new Ast(fileName, nodes, directives.directives(), escape, warnings);
    }

    private Node readHeredocs(Node node, String line, int startLine, int startColumn) {
        List<Heredoc> docs;
        try {
            docs = HeredocSyntax.fromLine(line);
        } catch (IllegalArgumentException e) {
            throw error(startLine, startColumn, e.getMessage());
        }
        if (docs.isEmpty()) {
            return node;
        }
        List<Heredoc> filled = new ArrayList<>(docs.size());
        String last = "";
        for (Heredoc doc : docs) {
            StringBuilder content = new StringBuilder();
            boolean terminated = false;
            Optional<String> raw;
            while ((raw = nextLine()).isPresent()) {
                String candidate = trimNewline(raw.get());
                last = candidate;
                if (doc.chomp()) {
                    candidate = trimLeadingTabs(candidate);
                }
                if (candidate.equals(doc.name())) {
                    terminated = true;
                    break;
                }
                content.append(raw.get());
            }
            if (!terminated) {
                throw error(startLine, startColumn, "unterminated heredoc " + doc.name()
                        + ": no line '" + doc.name() + "' before the end of the file");
            }
            filled.add(doc.withContent(content.toString()));
        }
        SourceRange range = new SourceRange(startLine, startColumn, lineNumber, Math.max(1, last.length()));
        return node.withHeredocs(filled, range);
    }

    private static boolean canContainHeredoc(Node node) {
        Node target = node;
        if (node.command().equals("onbuild") && node.child().isPresent()) {
            target = node.child().get();
        }
        String cmd = target.keyword().toLowerCase(Locale.ROOT);
        return (cmd.equals("run") || cmd.equals("copy") || cmd.equals("add")) && !target.json();
    }

    private void directive(String token) {
        try {
            directives.accept(token, lineNumber).ifPresent(d -> {
                if (d.name().equals("escape")) {
                    if (!d.value().equals("`") && !d.value().equals("\\")) {
                        throw error(lineNumber, 1, "invalid escape token '" + d.value() + "' does not match ` or \\");
                    }
                    escape = d.value().charAt(0);
                }
            });
        } catch (IllegalArgumentException e) {
            throw error(lineNumber, 1, e.getMessage());
        }
    }

    /** The escape character as the last non-blank character, not itself escaped, or alone on the line. */
    private boolean isContinued(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return false;
        }
        return end == 1 || line.charAt(end - 2) != escape;
    }

    private String stripContinuation(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end - 1);
    }

    private static boolean isComment(String leftTrimmed) {
        return !leftTrimmed.isEmpty() && leftTrimmed.charAt(0) == '#';
    }

    private static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') {
            i++;
        }
        return s.substring(i);
    }

    private DockerfileException error(int line, int column, String message) {
        return new DockerfileException(fileName, line, column, message);
    }
}
