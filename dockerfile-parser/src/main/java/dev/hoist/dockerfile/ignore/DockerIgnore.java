package dev.hoist.dockerfile.ignore;

import dev.hoist.dockerfile.DockerfileException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which files of a build context are left out, with the semantics of moby/patternmatcher: patterns are
 * tried in order and the last one that applies wins; a pattern applies to a path when it matches the path or
 * any of its parent directories; {@code !pattern} re-includes.
 *
 * <p>Paths are relative to the context root and use {@code /}.
 */
public final class DockerIgnore {

    private static final DockerIgnore NONE = new DockerIgnore(List.of());

    private final List<IgnorePattern> patterns;
    private final boolean hasExclusions;

    private DockerIgnore(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.hasExclusions = patterns.stream().anyMatch(IgnorePattern::exclusion);
    }

    /** A matcher that ignores nothing. */
    public static DockerIgnore none() {
        return NONE;
    }

    /**
     * A matcher from patterns as written in a {@code .dockerignore}; blank patterns are dropped.
     *
     * @throws IllegalArgumentException for a malformed pattern or a lone {@code !}
     */
    public static DockerIgnore of(List<String> patterns) {
        List<IgnorePattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            if (!p.strip().isEmpty()) {
                compiled.add(IgnorePattern.compile(p));
            }
        }
        return new DockerIgnore(compiled);
    }

    /**
     * Parses the text of an ignore file.
     *
     * @throws DockerfileException naming the file and line of a malformed pattern
     */
    public static DockerIgnore parse(String fileName, String text) {
        List<IgnorePattern> compiled = new ArrayList<>();
        for (IgnoreFileReader.Line line : IgnoreFileReader.read(text)) {
            try {
                compiled.add(IgnorePattern.compile(line.pattern()));
            } catch (IllegalArgumentException e) {
                throw new DockerfileException(fileName, line.number(), 1, e.getMessage());
            }
        }
        return new DockerIgnore(compiled);
    }

    /**
     * Loads the ignore file for a build: {@code <dockerfile>.dockerignore} next to the Dockerfile when it exists,
     * else {@code .dockerignore} at the context root, else a matcher that ignores nothing.
     */
    public static DockerIgnore load(Path contextDir, Optional<Path> dockerfile) {
        List<Path> candidates = new ArrayList<>();
        dockerfile.ifPresent(df -> candidates.add(df.resolveSibling(df.getFileName() + ".dockerignore")));
        candidates.add(contextDir.resolve(".dockerignore"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return NONE;
    }

    /** The compiled patterns in order. */
    public List<IgnorePattern> patterns() {
        return patterns;
    }

    /** Whether the path (relative, slash-separated) is left out of the context. {@code .} never is. */
    public boolean matches(String path) {
        if (path.equals(".") || path.isEmpty()) {
            return false;
        }
        List<String> parents = null;
        boolean matched = false;
        for (IgnorePattern pattern : patterns) {
            if (pattern.exclusion() != matched) {
                continue;
            }
            boolean match = pattern.matchesExactly(path);
            if (!match) {
                if (parents == null) {
                    parents = parentPrefixes(path);
                }
                for (int i = 0; i < parents.size() && !match; i++) {
                    match = pattern.matchesExactly(parents.get(i));
                }
            }
            if (match) {
                matched = !pattern.exclusion();
            }
        }
        return matched;
    }

    /** {@code a}, {@code a/b} for {@code a/b/c}: the parent directories, shortest first. */
    private static List<String> parentPrefixes(String path) {
        String parent = parentOf(path);
        if (parent.equals(".")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int slash = parent.indexOf('/', from);
            if (slash < 0) {
                out.add(parent);
                return out;
            }
            out.add(parent.substring(0, slash));
            from = slash + 1;
        }
    }

    /**
     * Whether a directory and everything below it can be skipped without looking inside: it is ignored and no
     * {@code !} pattern could re-include anything under it.
     */
    public boolean canSkipDirectory(String dir) {
        if (!matches(dir)) {
            return false;
        }
        if (!hasExclusions) {
            return true;
        }
        String[] dirSegments = dir.split("/");
        for (IgnorePattern p : patterns) {
            if (p.exclusion() && couldMatchBelow(p.text(), dirSegments)) {
                return false;
            }
        }
        return true;
    }

    private static boolean couldMatchBelow(String pattern, String[] dirSegments) {
        String[] segs = pattern.split("/");
        for (int i = 0; i < dirSegments.length; i++) {
            if (i >= segs.length) {
                return false;
            }
            if (segs[i].contains("**")) {
                return true;
            }
            if (!segmentMatches(segs[i], dirSegments[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean segmentMatches(String glob, String segment) {
        try {
            return PathGlob.compile(glob).matcher(segment).matches();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Go's {@code filepath.Dir}. */
    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return PathCleaner.clean(path.substring(0, slash + 1));
    }
}
