package dev.hoist.dockerfile;

/**
 * A Dockerfile the user has to fix. {@link #getMessage()} is one line: {@code File:line:col: what is wrong}.
 */
public final class DockerfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final int column;
    private final String detail;

    public DockerfileException(String fileName, int line, int column, String detail) {
        super(fileName + ":" + line + ":" + column + ": " + detail);
        this.fileName = fileName;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** An error at the start of {@code range}. */
    public DockerfileException(String fileName, SourceRange range, String detail) {
        this(fileName, range.startLine(), range.startColumn(), detail);
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the location. */
    public String detail() {
        return detail;
    }
}
