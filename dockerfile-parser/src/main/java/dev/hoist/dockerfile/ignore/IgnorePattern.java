package dev.hoist.dockerfile.ignore;

import java.util.regex.Pattern;

/**
 * One compiled {@code .dockerignore} line.
 *
 * @param text the cleaned pattern without its {@code !}
 * @param exclusion true for {@code !pattern}, which re-includes what earlier patterns ignored
 */
public record IgnorePattern(String text, boolean exclusion, Pattern regex) {

    /**
     * Compiles a pattern as written (trimmed, cleaned like Go's {@code filepath.Clean}, {@code !} prefix honoured).
     *
     * @throws IllegalArgumentException for {@code !} alone or a malformed glob
     */
    public static IgnorePattern compile(String raw) {
        String pattern = PathCleaner.clean(raw.strip());
        boolean exclusion = false;
        if (pattern.charAt(0) == '!') {
            if (pattern.length() == 1) {
                throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
            }
            exclusion = true;
            pattern = pattern.substring(1);
        }
        return new IgnorePattern(pattern, exclusion, PathGlob.compile(pattern));
    }

    /** Whether the pattern matches this exact slash-separated path. */
    public boolean matchesExactly(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return exclusion ? "!" + text : text;
    }
}
