package dev.hoist.dockerfile.instruction;

/**
 * A COPY or ADD source given inline as a heredoc.
 *
 * @param path the file name (the heredoc name)
 * @param data the content, {@code <<-} tab stripping already applied
 * @param expand whether variables in the content are expanded (the name was not quoted)
 */
public record SourceContent(String path, String data, boolean expand) {
}
