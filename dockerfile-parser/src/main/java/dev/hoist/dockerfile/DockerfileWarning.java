package dev.hoist.dockerfile;

/**
 * Something in a Dockerfile that works but should be changed: a BuildKit lint rule or a parser warning.
 *
 * @param rule BuildKit's rule name, e.g. {@code JSONArgsRecommended}
 * @param message one line saying what is wrong
 * @param range where
 */
public record DockerfileWarning(String rule, String message, SourceRange range) {

    /** {@code File:line:col: message (rule)}. */
    public String format(String fileName) {
        return fileName + ":" + range.startLine() + ":" + range.startColumn() + ": " + message + " (" + rule + ")";
    }
}
