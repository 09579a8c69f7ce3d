package dev.hoist.dockerfile.conformance;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the third-party conformance data: system property {@code hoist.conformance.dir}, then the environment
 * variable {@code HOIST_CONFORMANCE_DIR}, then {@code /work/shared/conformance}. Tests skip with the reason when none
 * exists.
 */
final class ConformanceDir {

    private ConformanceDir() {
    }

    static Optional<Path> find() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("hoist.conformance.dir")).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("HOIST_CONFORMANCE_DIR")).ifPresent(candidates::add);
        candidates.add("/work/shared/conformance");
        for (String c : candidates) {
            if (c.isBlank()) {
                continue;
            }
            Path p = Path.of(c);
            if (Files.isDirectory(p.resolve("buildkit-parser"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The sub-folder, or a skipped test with the reason. */
    static Path require(String sub) {
        Optional<Path> dir = find();
        Assumptions.assumeTrue(dir.isPresent(),
                "conformance data not found (tried -Dhoist.conformance.dir, $HOIST_CONFORMANCE_DIR, /work/shared/conformance)");
        Path p = dir.get().resolve(sub);
        Assumptions.assumeTrue(Files.isDirectory(p), "conformance folder missing: " + p);
        return p;
    }
}
