package dev.hoist.dockerfile;

/**
 * A span of a Dockerfile: 1-based lines and columns, both ends inclusive. Columns count characters.
 *
 * @param startLine first line
 * @param startColumn column of the first character on the first line
 * @param endLine last line (the heredoc terminator for instructions with heredocs)
 * @param endColumn column of the last character on the last line
 */
public record SourceRange(int startLine, int startColumn, int endLine, int endColumn) {

    public SourceRange {
        if (startLine < 1 || startColumn < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad range " + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
        }
    }

    /** {@code startLine:startColumn-endLine:endColumn}. */
    @Override
    public String toString() {
        return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
    }
}
