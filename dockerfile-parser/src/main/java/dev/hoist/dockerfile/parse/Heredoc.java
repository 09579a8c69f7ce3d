package dev.hoist.dockerfile.parse;

/**
 * A here-document attached to a RUN, COPY or ADD line.
 *
 * @param name the terminator word with quotes removed
 * @param content the raw lines between the instruction and the terminator, each with its newline; {@code <<-}
 *     tab stripping is not applied here (see {@link #chompedContent()})
 * @param expand false when any part of the name was quoted, which turns off variable expansion of the content
 * @param chomp true for {@code <<-}: leading tabs are stripped from every line
 * @param fileDescriptor the digits before {@code <<} ({@code 3<<EOF}), or 0
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {

    /** The content with {@code <<-} semantics applied: leading tabs removed from each line when {@link #chomp()}. */
    public String chompedContent() {
        return chomp ? chomp(content) : content;
    }

    /** Removes the leading tabs (only tabs) of every line. */
    public static String chomp(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            lineStart = c == '\n';
            out.append(c);
        }
        return out.toString();
    }

    Heredoc withContent(String newContent) {
        return new Heredoc(name, newContent, expand, chomp, fileDescriptor);
    }
}
